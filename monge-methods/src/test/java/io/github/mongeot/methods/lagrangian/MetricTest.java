package io.github.mongeot.methods.lagrangian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class MetricTest {
    @Test
    @SuppressWarnings("try")
    void quadraticFormsAgreeWithTheMatricesForEveryMetric() {
        Random rng = new Random(1);
        List<Metric> metrics = List.of(Metric.identity(), Metric.circle(1e-3), Metric.massSplitting(0.1), Metric.xPaths(1e-3),
                LearnedMetric.fresh(2.0, 5, DType.FLOAT64));
        for (Metric m : metrics) {
            for (int k = 0; k < 20; k++) {
                double[] x = {2 * rng.nextGaussian(), 2 * rng.nextGaussian()};
                double[] v = {rng.nextGaussian(), rng.nextGaussian()};
                double[][] a = m.matrix(x);
                double expected = v[0] * (a[0][0] * v[0] + a[0][1] * v[1]) + v[1] * (a[1][0] * v[0] + a[1][1] * v[1]);
                try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
                    Tensor q = m.quadratic(Tensors.fromRows(new double[][] {x}, DType.FLOAT64), Tensors.fromRows(new double[][] {v},
                            DType.FLOAT64));
                    assertThat(q.item_double()).as(m.name()).isCloseTo(expected, within(1e-10));
                }
            }
        }
    }

    @Test
    void alignmentIsOneForTheSameFieldAndZeroForTheRotatedOne() {
        Metric tangential = Metric.circle(1e-3);
        Metric radial = new Metric.LowRank("radial", 1e-3) {
            @Override
            Tensor w(Tensor x) {
                throw new UnsupportedOperationException();
            }

            @Override
            double[] w(double[] x) {
                double r = Math.hypot(x[0], x[1]);
                return new double[] {x[0] / r, x[1] / r};
            }
        };
        double[] lo = {-1.05, -1.1};
        double[] hi = {1.2, 1.15};
        assertThat(MetricLearner.alignment(tangential, tangential, lo, hi, 30)).isCloseTo(1.0, within(1e-12));
        assertThat(MetricLearner.alignment(tangential, radial, lo, hi, 30)).isCloseTo(0.0, within(1e-9));
    }
}
