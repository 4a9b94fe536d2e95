package io.github.mongeot.core.sinkhorn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Plans and values against POT 0.8.2's log-domain Sinkhorn run to 1e-12. */
class SinkhornPotTest {
    static List<Object[]> cases() {
        List<Object[]> out = new java.util.ArrayList<>();
        for (PotFixtures.Case c : PotFixtures.cases()) {
            for (SinkhornMode mode : SinkhornMode.values()) {
                out.add(new Object[] {c, mode});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesPotPlanAndValues(PotFixtures.Case c, SinkhornMode mode) {
        PointCloud source = PointCloud.weighted("source", c.x(), c.a());
        PointCloud target = PointCloud.weighted("target", c.y(), c.b());
        SinkhornOptions options = SinkhornOptions.defaults().withEpsilonRel(c.epsRel()).withThreshold(1e-12)
                .withMaxIterations(100_000).withCheckEvery(1).withMode(mode);
        SinkhornResult r = Sinkhorn.solve(source, target, SquaredEuclidean.full(), options);

        assertThat(r.converged()).isTrue();
        assertThat(r.marginalError()).isLessThan(1e-12);
        assertThat(r.epsilon()).isCloseTo(c.reg(), within(1e-12 * c.reg()));
        // An online solve keeps no plan: its potentials and values are checked against POT instead.
        double[][] plan = mode == SinkhornMode.ONLINE ? planFromPotentials(r, c) : r.plan();
        for (int i = 0; i < plan.length; i++) {
            for (int j = 0; j < plan[i].length; j++) {
                assertThat(plan[i][j]).as("P[%d][%d]", i, j).isCloseTo(c.plan()[i][j], within(1e-12));
            }
        }
        assertThat(r.cost()).isCloseTo(c.sinkhorn2(), within(1e-10));
        assertThat(r.regularizedCost()).isCloseTo(c.regularizedCost(), within(1e-10));
        assertThat(r.dualValue()).isCloseTo(c.regularizedCost(), within(1e-10));
    }

    /** P_ij = a_i b_j exp((f_i + g_j − ‖x_i − y_j‖²)/ε). */
    private static double[][] planFromPotentials(SinkhornResult r, PotFixtures.Case c) {
        double[] f = r.f();
        double[] g = r.g();
        double[][] cost = SquaredEuclidean.full().matrix(c.x(), c.y());
        double[][] plan = new double[f.length][g.length];
        for (int i = 0; i < f.length; i++) {
            for (int j = 0; j < g.length; j++) {
                plan[i][j] = c.a()[i] * c.b()[j] * Math.exp((f[i] + g[j] - cost[i][j]) / r.epsilon());
            }
        }
        return plan;
    }
}
