package io.github.mongeot.core.sinkhorn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.io.InputStream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class SinkhornDivergenceTest {
    static final SinkhornOptions TIGHT = SinkhornOptions.defaults().withThreshold(1e-12).withMaxIterations(100_000)
            .withCheckEvery(1);

    @Test
    void matchesPotInBothConventions() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/sinkhorn/pot_sinkhorn.json")) {
            for (JsonNode c : new ObjectMapper().readTree(in).get("divergences")) {
                PointCloud s = PointCloud.weighted("source", PotFixtures.matrix(c.get("x")), PotFixtures.vector(c.get("a")));
                PointCloud t = PointCloud.weighted("target", PotFixtures.matrix(c.get("y")), PotFixtures.vector(c.get("b")));
                SinkhornOptions o = TIGHT.withEpsilonRel(c.get("eps_rel").asDouble());
                SinkhornDivergence.Value reg = SinkhornDivergence.compute(s, t, SquaredEuclidean.full(), o);
                SinkhornDivergence.Value lin = SinkhornDivergence.compute(s, t, SquaredEuclidean.full(), o,
                        SinkhornDivergence.Convention.LINEAR);
                assertThat(reg.converged()).isTrue();
                assertThat(reg.xx().iterations()).isLessThan(1000);
                assertThat(reg.epsilon()).isCloseTo(c.get("reg").asDouble(), within(1e-12));
                // References good to ~1e-7: POT's plain iteration stalls on one self term (sinkhorn_pot.py).
                assertThat(reg.value()).isCloseTo(c.get("regularized").asDouble(), within(1e-6));
                assertThat(lin.value()).isCloseTo(c.get("linear").asDouble(), within(1e-6));
                // POT's own routine (stopThr fixed at 1e-9 inside) agrees to its tolerance.
                assertThat(lin.value()).isCloseTo(c.get("pot_empirical_sinkhorn_divergence").asDouble(), within(1e-6));
            }
        }
    }

    @Test
    void isZeroForEqualMeasuresAndPositiveOtherwise() {
        PointCloud s = SinkhornTest.cloud("source", 40, 5, 0.0);
        PointCloud t = SinkhornTest.cloud("target", 30, 6, 0.3);
        SinkhornOptions o = TIGHT.withEpsilonRel(0.1).withThreshold(1e-10).withCheckEvery(10);
        assertThat(SinkhornDivergence.compute(s, s, SquaredEuclidean.full(), o).value()).isCloseTo(0.0, within(1e-8));
        assertThat(SinkhornDivergence.compute(s, t, SquaredEuclidean.full(), o).value()).isPositive();
        assertThat(SinkhornDivergence.compute(s, t, SquaredEuclidean.full(), o, SinkhornDivergence.Convention.LINEAR)
                .value()).isPositive();
    }

    @Test
    void tensorVersionMatchesAndIsDifferentiable() {
        PointCloud s = SinkhornTest.cloud("source", 8, 5, 0.0);
        PointCloud t = SinkhornTest.cloud("target", 7, 6, 0.3);
        SinkhornOptions o = TIGHT.withEpsilon(2.0);
        double expected = SinkhornDivergence.compute(s, t, SquaredEuclidean.full(), o).value();
        try (PointerScope scope = new PointerScope()) {
            Tensor x = s.pointsTensor(DType.FLOAT64).set_requires_grad(true);
            Tensor value = SinkhornDivergence.tensor(x, t.pointsTensor(DType.FLOAT64), SquaredEuclidean.full(),
                    s.weightsTensor(DType.FLOAT64), t.weightsTensor(DType.FLOAT64), o, Differentiation.IMPLICIT);
            assertThat(Tensors.item(value)).isCloseTo(expected, within(1e-10));
            double[][] grad = Tensors.toRows(Ops.grad(value, x, false));
            double h = 1e-5;
            double[][] xp = s.points();
            double[][] xm = s.points();
            xp[2][0] += h;
            xm[2][0] -= h;
            double fd = (SinkhornDivergence.compute(PointCloud.weighted("p", xp, s.weights()), t, SquaredEuclidean.full(), o).value()
                    - SinkhornDivergence.compute(PointCloud.weighted("m", xm, s.weights()), t, SquaredEuclidean.full(), o).value())
                    / (2 * h);
            assertThat(grad[2][0]).isCloseTo(fd, within(1e-7));
        }
    }
}
