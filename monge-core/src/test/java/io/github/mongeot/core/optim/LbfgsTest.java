package io.github.mongeot.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class LbfgsTest {
    /** Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1, …, 1). */
    static double rosenbrock(double[] x, double[] g) {
        Arrays.fill(g, 0);
        double f = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * a * x[i] - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    }

    @Test
    void findsTheRosenbrockMinimumWithEitherLineSearch() {
        for (Lbfgs.LineSearch search : Lbfgs.LineSearch.values()) {
            for (int k : new int[] {2, 10}) {
                rosenbrockFrom(k, Lbfgs.defaults().withLineSearch(search));
            }
        }
    }

    private static void rosenbrockFrom(int k, Lbfgs lbfgs) {
        {
            double[] x0 = new double[k];
            for (int i = 0; i < k; i++) {
                x0[i] = i % 2 == 0 ? -1.2 : 1.0;
            }
            LbfgsResult r = lbfgs.minimise(LbfgsTest::rosenbrock, x0);
            assertThat(r.converged()).as("k=%d after %d iterations", k, r.iterations()).isTrue();
            for (double xi : r.x()) {
                assertThat(xi).isCloseTo(1.0, within(1e-6));
            }
            assertThat(r.value()).isLessThan(1e-12);
        }
    }

    /**
     * ½(x − c)ᵀA(x − c) on [−1, 1]², A = [[2, ½], [½, 1]], with c chosen so that the KKT point is
     * x* = (1, 0.3): ∇f(x*) = A(x* − c) = (−1, 0), the upper bound on x₀ active with multiplier 1.
     */
    @Test
    void solvesABoxedQuadraticWithTheSolutionOnTheBoundary() {
        double det = 2 * 1 - 0.25;
        double[] c = {1 + 1 / det, 0.3 - 0.5 / det};
        DifferentiableFunction f = (x, g) -> {
            double d0 = x[0] - c[0];
            double d1 = x[1] - c[1];
            g[0] = 2 * d0 + 0.5 * d1;
            g[1] = 0.5 * d0 + d1;
            return 0.5 * (d0 * g[0] + d1 * g[1]);
        };
        LbfgsResult r = Lbfgs.defaults().withBounds(new double[] {-1, -1}, new double[] {1, 1})
                .minimise(f, new double[] {-0.5, 0.9});
        assertThat(r.converged()).isTrue();
        assertThat(r.x()[0]).isEqualTo(1.0);
        assertThat(r.x()[1]).isCloseTo(0.3, within(1e-8));
        // Unconstrained it would go to c, outside the box.
        assertThat(Lbfgs.defaults().minimise(f, new double[] {0, 0}).x()[0]).isCloseTo(c[0], within(1e-8));
    }

    @Test
    void minimisesATensorFunctionThroughAutograd() {
        // Σ (x_i − i)² + x_0 x_1: stationary point solves 2(x_0) + x_1 = 0, 2(x_1 − 1) + x_0 = 0.
        DifferentiableFunction f = DifferentiableFunction.ofTensor(x -> {
            Tensor shift = Tensors.fromVector(new double[] {0, 1}, DType.FLOAT64);
            Tensor d = x.sub(shift);
            return d.mul(d).sum().add(x.select(0, 0).mul(x.select(0, 1)));
        }, DType.FLOAT64);
        LbfgsResult r = Lbfgs.defaults().minimise(f, new double[] {3, 3});
        assertThat(r.converged()).isTrue();
        assertThat(r.x()[0]).isCloseTo(-2.0 / 3, within(1e-8));
        assertThat(r.x()[1]).isCloseTo(4.0 / 3, within(1e-8));
    }

    @Test
    void reportsNonConvergenceAndRejectsBadBounds() {
        LbfgsResult r = Lbfgs.defaults().withMaxIterations(2).minimise(LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        assertThat(r.converged()).isFalse();
        assertThat(r.iterations()).isEqualTo(2);
        assertThat(r.projectedGradientNorm()).isGreaterThan(1e-8);
        assertThatThrownBy(() -> Lbfgs.defaults().withBounds(new double[] {1}, new double[] {0}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("entry 0");
        assertThatThrownBy(() -> Lbfgs.defaults().withBounds(new double[] {0}, new double[] {1})
                .minimise(LbfgsTest::rosenbrock, new double[] {0, 0}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("bounds");
    }
}
