package io.github.mongeot.core.sinkhorn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.cost.Cost;
import io.github.mongeot.core.cost.PNormCost;
import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blockwise (online) solver reaches the dense log-domain solver's fixed point without forming C. */
class OnlineSinkhornTest {
    private static final long SMALL_BLOCKS = 70 * 8 * 300; // 70 rows per block: several blocks, a ragged last one

    static PointCloud cloud(String name, int n, double shift, long seed, boolean weighted) {
        Random rng = new Random(seed);
        double[][] x = new double[n][3];
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rng.nextGaussian() + shift + (j == 0 ? 40 : 0); // far from the origin on purpose
            }
            w[i] = weighted ? 0.5 + rng.nextDouble() : 1;
            total += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= total;
        }
        return PointCloud.weighted(name, x, w);
    }

    private static void assertSameSolution(Cost cost, SinkhornOptions options, boolean weighted, int iterationSlack) {
        PointCloud x = cloud("x", 300, 0, 1, weighted);
        PointCloud y = cloud("y", 220, 1.5, 2, weighted);
        SinkhornResult dense = Sinkhorn.solve(x, y, cost, options.withMode(SinkhornMode.LOG));
        SinkhornResult online = OnlineSinkhorn.solve(x, y, cost, options, SMALL_BLOCKS);
        assertThat(online.converged()).isTrue();
        assertThat(online.mode()).isEqualTo(SinkhornMode.ONLINE);
        assertThat(online.epsilon()).isCloseTo(dense.epsilon(), within(1e-12 * dense.epsilon()));
        assertThat(online.cost()).isCloseTo(dense.cost(), within(1e-8 * Math.abs(dense.cost())));
        assertThat(online.regularizedCost()).isCloseTo(dense.regularizedCost(), within(1e-8 * Math.abs(dense.cost())));
        // Potentials are defined up to f + t, g − t: compare the gauge-free sums on a few pairs.
        double[] f = online.f();
        double[] g = online.g();
        double[] fd = dense.f();
        double[] gd = dense.g();
        for (int i = 0; i < 300; i += 37) {
            for (int j = 0; j < 220; j += 41) {
                assertThat(f[i] + g[j]).isCloseTo(fd[i] + gd[j], within(1e-7 * Math.max(1, Math.abs(fd[i] + gd[j]))));
            }
        }
        // Each ε stage starts with a g-update here, which the dense solver counts as part of its first iteration.
        assertThat(online.iterations()).isBetween(dense.iterations() - iterationSlack, dense.iterations() + 2);
    }

    @Test
    void squaredEuclideanMatchesTheDenseSolverWithWeights() {
        // A fixed over-relaxation: the adaptive one sees its checks one iteration apart in the two solvers.
        assertSameSolution(SquaredEuclidean.full(), SinkhornOptions.defaults().withEpsilonRel(0.02).withThreshold(1e-10)
                .withCheckEvery(1).withOverrelaxation(1.5), true, 2);
    }

    @Test
    void halfSquaredEuclideanWithEpsilonScalingMatches() {
        assertSameSolution(SquaredEuclidean.half(), SinkhornOptions.defaults().withEpsilon(0.3).withThreshold(1e-10)
                .withCheckEvery(1).withEpsilonScaling(4, 0.5), false, 20);
    }

    @Test
    void anyCostIsEvaluatedBlockByBlock() {
        assertSameSolution(new PNormCost(1.5), SinkhornOptions.defaults().withEpsilonRel(0.05).withThreshold(1e-10)
                .withCheckEvery(1), true, 2);
    }

    @Test
    void float32StaysCloseToFloat64FarFromTheOrigin() {
        PointCloud x = cloud("x", 300, 0, 3, false);
        PointCloud y = cloud("y", 220, 1.5, 4, false);
        SinkhornOptions options = SinkhornOptions.defaults().withEpsilonRel(0.02).withThreshold(1e-4);
        SinkhornResult f64 = OnlineSinkhorn.solve(x, y, SquaredEuclidean.full(), options, SMALL_BLOCKS);
        SinkhornResult f32 = OnlineSinkhorn.solve(x, y, SquaredEuclidean.full(), options.withDType(DType.FLOAT32),
                SMALL_BLOCKS);
        assertThat(f32.converged()).isTrue();
        assertThat(f32.regularizedCost()).isCloseTo(f64.regularizedCost(), within(1e-4 * f64.regularizedCost()));
    }

    @Test
    void autoSwitchesToOnlineOnlyAboveTheMemoryBudgetAndPlansAreRefused() {
        PointCloud x = cloud("x", 50, 0, 5, false);
        PointCloud y = cloud("y", 40, 1, 6, false);
        SinkhornResult auto = Sinkhorn.solve(x, y, SquaredEuclidean.full(), SinkhornOptions.defaults());
        assertThat(auto.mode()).isNotEqualTo(SinkhornMode.ONLINE);
        SinkhornResult online = Sinkhorn.solve(x, y, SquaredEuclidean.full(),
                SinkhornOptions.defaults().withMode(SinkhornMode.ONLINE));
        assertThat(online.mode()).isEqualTo(SinkhornMode.ONLINE);
        assertThat(online.cost()).isCloseTo(auto.cost(), within(1e-6 * auto.cost()));
        assertThatThrownBy(online::plan).hasMessageContaining("online");
        assertThat(Sinkhorn.DENSE_BYTES_LIMIT).isEqualTo(2L << 30);
    }

    @Test
    void reportsNonConvergenceAtTheIterationCap() {
        PointCloud x = cloud("x", 60, 0, 7, false);
        PointCloud y = cloud("y", 50, 2, 8, false);
        SinkhornResult r = OnlineSinkhorn.solve(x, y, SquaredEuclidean.full(),
                SinkhornOptions.defaults().withEpsilonRel(0.001).withThreshold(1e-12).withMaxIterations(5), 4096);
        assertThat(r.converged()).isFalse();
        assertThat(r.iterations()).isEqualTo(5);
        assertThat(r.marginalError()).isGreaterThan(1e-12);
    }
}
