package io.github.mongeot.methods.lagrangian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.optim.DifferentiableFunction;
import io.github.mongeot.core.optim.Lbfgs;
import io.github.mongeot.core.optim.LbfgsResult;
import io.github.mongeot.nn.path.SplinePaths;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class LagrangianEnergyTest {
    private static final int T = 20;

    @Test
    @SuppressWarnings("try")
    void straightLineUnderTheEuclideanLagrangianCostsHalfTheSquaredDistance() {
        SplinePaths paths = SplinePaths.uniform(30, T, DType.FLOAT64);
        double[][] x = {{0.3, -1.2}, {2.0, 0.5}};
        double[][] y = {{-0.7, 0.4}, {1.0, 1.5}};
        try (PointerScope scope = new PointerScope()) {
            Tensor line = paths.points(Tensors.fromFlat(new double[2 * 30 * 2], new long[] {2, 30, 2}, DType.FLOAT64),
                    Tensors.fromRows(x, DType.FLOAT64), Tensors.fromRows(y, DType.FLOAT64));
            double[] integral = Tensors.toFlat(Lagrangian.kinetic().energy(line));
            double[] reference = Tensors.toFlat(new Lagrangian(Metric.identity(), Potential.none(), Energy.REFERENCE).energy(line));
            double[] length = Tensors.toFlat(new Lagrangian(Metric.identity(), Potential.none(), Energy.SQUARED_LENGTH).energy(line));
            for (int b = 0; b < 2; b++) {
                double half = 0.5 * (Math.pow(x[b][0] - y[b][0], 2) + Math.pow(x[b][1] - y[b][1], 2));
                assertThat(integral[b]).isCloseTo(half, within(1e-12));
                assertThat(reference[b]).isCloseTo(half / (T - 1), within(1e-12)); // no 1/Δt on the kinetic term
                assertThat(length[b]).isCloseTo(half, within(1e-9));
            }
        }
    }

    @Test
    @SuppressWarnings("try")
    void potentialIsWeightedByDeltaTInTheIntegralAndOncePerSegmentInTheReference() {
        // a path resting at a point x₀: only −U(x₀) contributes; integral Σ −U Δt = −U, reference Σ −U = −(T − 1)U
        double[] p = {0.1, 0.2};
        double u = -0.05 * Math.exp(-(p[0] * p[0] + p[1] * p[1]));
        double[] flat = new double[T * 2];
        for (int i = 0; i < T; i++) {
            flat[2 * i] = p[0];
            flat[2 * i + 1] = p[1];
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor rest = Tensors.fromFlat(flat, new long[] {1, T, 2}, DType.FLOAT64);
            assertThat(new Lagrangian(Metric.identity(), Potential.hill(), Energy.INTEGRAL).energy(rest).item_double())
                    .isCloseTo(-u, within(1e-15));
            assertThat(new Lagrangian(Metric.identity(), Potential.hill(), Energy.REFERENCE).energy(rest).item_double())
                    .isCloseTo(-(T - 1) * u, within(1e-14));
            assertThat(new Lagrangian(Metric.identity(), Potential.hill(), Energy.REFERENCE).energy(rest, 0.5, 1).item_double())
                    .isCloseTo(-0.5 * (T - 1) * u, within(1e-14));
        }
    }

    @Test
    @SuppressWarnings("try")
    void circleArcUnderTheCircleMetricMatchesItsClosedFormRiemannSum() {
        // X_i = r(cos a_i, sin a_i), h = a_{i+1} − a_i: the chord has radial part r(cos h − 1) and tangential part
        // r sin h, so ΔXᵀAΔX = r²(cos h − 1)² + δ r² sin² h; the integral ½δr²θ² is the limit as T → ∞
        double r = 1.3;
        double theta = 2.0;
        double delta = 1e-3;
        Lagrangian circle = new Lagrangian(Metric.circle(delta), Potential.none(), Energy.INTEGRAL);
        for (int steps : new int[] {20, 2000}) {
            double h = theta / (steps - 1);
            double[] flat = new double[steps * 2];
            for (int i = 0; i < steps; i++) {
                flat[2 * i] = r * Math.cos(0.3 + i * h);
                flat[2 * i + 1] = r * Math.sin(0.3 + i * h);
            }
            double chord = r * r * (Math.pow(Math.cos(h) - 1, 2) + delta * Math.pow(Math.sin(h), 2));
            double expected = 0.5 * (steps - 1) * chord * (steps - 1);
            try (PointerScope scope = new PointerScope()) {
                double e = circle.energy(Tensors.fromFlat(flat, new long[] {1, steps, 2}, DType.FLOAT64)).item_double();
                assertThat(e).isCloseTo(expected, within(1e-12 * (1 + expected)));
                if (steps == 2000) {
                    assertThat(e).isCloseTo(0.5 * delta * r * r * theta * theta, within(2e-4));
                }
            }
        }
    }

    @Test
    void minimisingTheSplineActionUnderTheCircleMetricFindsTheArc() {
        // from (1, 0) to (0, 1) the geodesic of A = I − (1 − δ)wwᵀ, w tangential, is the quarter circle
        int knots = 12;
        SplinePaths paths = SplinePaths.uniform(knots, T, DType.FLOAT64);
        double delta = 0.05;
        Lagrangian circle = new Lagrangian(Metric.circle(delta), Potential.none(), Energy.INTEGRAL);
        double[][] x = {{1, 0}};
        double[][] y = {{0, 1}};
        DifferentiableFunction action = DifferentiableFunction.ofTensor(phi -> {
            Tensor p = phi.reshape(1, knots, 2);
            return circle.energy(paths.points(p, Tensors.fromRows(x, DType.FLOAT64), Tensors.fromRows(y, DType.FLOAT64))).sum();
        }, DType.FLOAT64);
        double straight = action.evaluate(new double[knots * 2], new double[knots * 2]);
        LbfgsResult best = Lbfgs.defaults().withMaxIterations(300).withTolerance(1e-8).minimise(action, new double[knots * 2]);
        double h = (Math.PI / 2) / (T - 1);
        double arc = 0.5 * (T - 1) * (T - 1) * (Math.pow(Math.cos(h) - 1, 2) + delta * Math.pow(Math.sin(h), 2));
        assertThat(straight).isGreaterThan(0.05);
        assertThat(best.value()).isLessThan(arc * 1.05);
        try (PointerScope scope = new PointerScope()) {
            Tensor pts = paths.points(Tensors.fromFlat(best.x(), new long[] {1, knots, 2}, DType.FLOAT64),
                    Tensors.fromRows(x, DType.FLOAT64), Tensors.fromRows(y, DType.FLOAT64));
            for (double radius : Tensors.toFlat(Ops.sumLast(pts.square()).sqrt())) {
                assertThat(radius).isCloseTo(1.0, within(0.02));
            }
        }
    }
}
