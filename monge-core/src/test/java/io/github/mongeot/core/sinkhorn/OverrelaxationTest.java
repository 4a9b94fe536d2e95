package io.github.mongeot.core.sinkhorn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.data.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Over-relaxed Sinkhorn reaches plain Sinkhorn's solution, with both marginals within the threshold. */
class OverrelaxationTest {
    private static final SinkhornOptions SMALL_EPSILON = SinkhornOptions.defaults().withEpsilonRel(0.01)
            .withThreshold(1e-9).withMaxIterations(50_000);

    @ParameterizedTest
    @EnumSource(value = SinkhornMode.class, names = {"LOG", "SCALING"})
    void fixedAndAdaptiveOmegaReachThePlainSolution(SinkhornMode mode) {
        SinkhornOptions o = SMALL_EPSILON.withMode(mode);
        SinkhornResult plain = SinkhornTest.solve(o.withOverrelaxation(1.0));
        SinkhornResult fixed = SinkhornTest.solve(o.withOverrelaxation(1.6));
        SinkhornResult adaptive = SinkhornTest.solve(o.withAdaptiveOverrelaxation());
        for (SinkhornResult r : new SinkhornResult[] {plain, fixed, adaptive}) {
            assertThat(r.converged()).isTrue();
            assertBothMarginalsWithin(r, 1e-9);
        }
        SinkhornTest.assertSamePlan(fixed, plain, 1e-10);
        SinkhornTest.assertSamePlan(adaptive, plain, 1e-10);
        // Both stop with marginal errors below 1e-9: their costs may differ by about that times the cost scale.
        assertThat(adaptive.regularizedCost()).isCloseTo(plain.regularizedCost(), within(1e-8));
        // The point of it: the same answer in far fewer iterations at small ε (measured 2–4× fewer).
        assertThat(adaptive.iterations()).isLessThan(plain.iterations() / 2);
        assertThat(fixed.iterations()).isLessThan(plain.iterations());
    }

    @Test
    void adaptiveOmegaNeverCostsMoreThanAFewChecksAtLargeEpsilon() {
        SinkhornOptions o = SinkhornOptions.defaults().withEpsilonRel(0.5).withThreshold(1e-9);
        SinkhornResult plain = SinkhornTest.solve(o.withOverrelaxation(1.0));
        SinkhornResult adaptive = SinkhornTest.solve(o);
        assertThat(adaptive.iterations()).isLessThanOrEqualTo(plain.iterations() + 2 * o.checkEvery());
        SinkhornTest.assertSamePlan(adaptive, plain, 1e-10);
    }

    @Test
    void omegaOutsideTheContractionIntervalIsRejected() {
        assertThatThrownBy(() -> SinkhornOptions.defaults().withOverrelaxation(2.0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("overrelaxation");
        assertThatThrownBy(() -> SinkhornOptions.defaults().withOverrelaxation(0.0))
                .isInstanceOf(InvalidInputException.class);
    }

    /** ‖P1 − a‖₁ and ‖Pᵀ1 − b‖₁ from the dense plan: relaxed g-updates do not make the columns exact. */
    private static void assertBothMarginalsWithin(SinkhornResult r, double tol) {
        double[][] p = r.plan();
        double[] a = SinkhornTest.SOURCE.weights();
        double[] b = SinkhornTest.TARGET.weights();
        double rowError = 0;
        double[] cols = new double[b.length];
        for (int i = 0; i < p.length; i++) {
            double row = 0;
            for (int j = 0; j < p[i].length; j++) {
                row += p[i][j];
                cols[j] += p[i][j];
            }
            rowError += Math.abs(row - a[i]);
        }
        double colError = 0;
        for (int j = 0; j < b.length; j++) {
            colError += Math.abs(cols[j] - b[j]);
        }
        assertThat(rowError).isLessThan(tol);
        assertThat(colError).isLessThan(tol);
    }
}
