package io.github.mongeot.experiments.neuralot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.mongeot.core.metrics.MarginalFit;
import io.github.mongeot.experiments.report.Stats;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The repeated-draw W₂² protocol of the toys, against closed forms. */
class NotToyMetricsTest {
    private static final NotProblems.Sampler UNIFORM = (n, rng) -> {
        double[][] out = new double[n][1];
        for (double[] p : out) {
            p[0] = rng.nextDouble();
        }
        return out;
    };

    private static double[][] shifted(double[][] x, double[] shift) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            for (int c = 0; c < shift.length; c++) {
                out[i][c] += shift[c];
            }
        }
        return out;
    }

    @Test
    void exactW2OfATranslatedCloudIsTheSquaredShift() {
        // W₂²(μ, μ(· − s)) = ‖s‖² exactly for any μ (the cross term vanishes for every coupling of equal means)
        Random rng = new Random(11);
        double[][] oneD = NotProblems.standardNormal(1).sample(5000, rng);
        assertThat(NotToyMetrics.w2Squared(oneD, shifted(oneD, new double[] {0.7}))).isCloseTo(0.49, offset(1e-12));
        double[][] twoD = NotProblems.standardNormal(2).sample(64, rng);
        assertThat(NotToyMetrics.w2Squared(twoD, shifted(twoD, new double[] {0.3, -0.4}))).isCloseTo(0.25, offset(1e-9));
    }

    @Test
    void sortingAgreesWithTheNetworkSimplexIn1d() {
        Random rng = new Random(12);
        double[][] a = NotProblems.standardNormal(1).sample(200, rng);
        double[][] b = NotProblems.whitened(NotProblems::threeGaussiansRaw, 1).sample(200, rng);
        assertThat(NotToyMetrics.w2Squared(a, b)).isCloseTo(MarginalFit.w2SquaredExact(a, b), offset(1e-9));
    }

    @Test
    void averagedFloorAndFitMatchTheUniformOrderStatisticClosedForm() {
        // Two n-samples of U(0, 1): E W₂² = (2/n) Σ_i Var U_(i) = (2/n) · n/(6(n + 1)) = 1/(3(n + 1))
        // (U_(i) ~ Beta(i, n + 1 − i)); shifting the pushed points by s adds s² in expectation.
        int n = 100;
        int repeats = 400;
        double truth = 1.0 / (3 * (n + 1));
        double s = 0.2;
        NotToyMetrics.FitVsFloor r = NotToyMetrics.fitVsFloor((x, seed) -> shifted(x, new double[] {s}), UNIFORM, UNIFORM, n, repeats,
                new Random(13), 0);
        assertThat(r.fit()).hasSize(repeats);
        double floorError = r.floorStd() / Math.sqrt(repeats);
        assertThat(r.floorMean()).isCloseTo(truth, offset(4 * floorError));
        assertThat(floorError).isLessThan(0.1 * truth);
        assertThat(r.fitMean()).isCloseTo(s * s + truth, offset(4 * r.fitStd() / Math.sqrt(repeats)));
        assertThat(r.ratio()).isCloseTo((s * s + truth) / truth, offset(0.2 * (s * s + truth) / truth));
    }

    @Test
    void meanAndSampleStd() {
        assertThat(Stats.mean(new double[] {1, 2, 3, 4})).isEqualTo(2.5);
        assertThat(Stats.std(new double[] {1, 2, 3, 4})).isCloseTo(Math.sqrt(5.0 / 3), offset(1e-15));
        assertThat(Stats.std(new double[] {7})).isZero();
        assertThatThrownBy(() -> NotToyMetrics.fitVsFloor((x, seed) -> x, UNIFORM, UNIFORM, 10, 0, new Random(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat");
    }
}
