package io.github.mongeot.methods.lagrangian;

import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.optim.DifferentiableFunction;
import io.github.mongeot.core.optim.Lbfgs;
import io.github.mongeot.core.optim.LbfgsResult;
import io.github.mongeot.nn.net.Mlp;
import io.github.mongeot.nn.path.SplineNetwork;
import io.github.mongeot.nn.path.SplinePaths;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * The three networks of Algorithm 1 (Pooladian et al. 2024) and the operations built on them, on
 * inputs scaled by s = the domain's scale: the target potential g_θ(y) = κ·net(y/s) (κ the mean cost of random pairs), the
 * c-transform predictor y_ζ(x) = x + s·net(x/s), the spline predictor φ_η(x, y), the amortised
 * cost c(x, y) = E(φ_η(x, y); x, y) and the c-transform ŷ(x) = argmin_y c(x, y) − g_θ(y) by box-projected
 * L-BFGS warm-started at y_ζ(x) (eq. 6).
 */
final class LagrangianDual {
    final Lagrangian lagrangian;
    final Mlp potential;
    final Mlp predictor;
    final SplineNetwork spline;
    final SplinePaths paths;
    final Domain domain;
    final double scale;
    /** The output scale of g: the mean cost of random pairs, so that g starts small against c. */
    final double costScale;

    LagrangianDual(Lagrangian lagrangian, Mlp potential, Mlp predictor, SplineNetwork spline, SplinePaths paths, Domain domain,
            double costScale) {
        this.lagrangian = lagrangian;
        this.potential = potential;
        this.predictor = predictor;
        this.spline = spline;
        this.paths = paths;
        this.domain = domain;
        this.scale = domain.scale();
        this.costScale = costScale;
    }

    /** g_θ(y) = κ·net(y/s), shape [n], κ = {@link #costScale}. */
    Tensor g(Tensor y) {
        return potential.forward(y.div(new Scalar(scale))).squeeze(-1).mul(new Scalar(costScale));
    }

    /** y_ζ(x), n × d. */
    Tensor predict(Tensor x) {
        return x.add(predictor.forward(x.div(new Scalar(scale))).mul(new Scalar(scale)));
    }

    /** c(x, y) by the amortised path, shape [n]. */
    Tensor cost(Tensor x, Tensor y, double strength, double tau) {
        return lagrangian.energy(spline.points(paths, x, y), strength, tau);
    }

    /** The c-transform argmin for each row of x (detached n × d), warm-started at y_ζ(x). */
    Tensor cTransform(Tensor x, int iterations, double strength, double tau) {
        Tensor start;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            start = predict(x).detach();
        }
        return cTransform(x, start, iterations, strength, tau);
    }

    /** The c-transform argmin from {@code start} (n × d); detached result. */
    @SuppressWarnings("try")
    Tensor cTransform(Tensor x, Tensor start, int iterations, double strength, double tau) {
        int n = (int) x.size(0);
        int d = (int) x.size(1);
        Tensor xc = x.detach();
        if (iterations == 0) {
            return clampToDomain(Tensors.toFlat(start), n, d, x);
        }
        double[][] bounds = domain.repeated(n);
        DifferentiableFunction objective = (yv, gradient) -> {
            try (PointerScope scope = new PointerScope()) {
                Tensor y = Tensors.fromFlat(yv, new long[] {n, d}, potential.dtype()).requires_grad_(true);
                Tensor value = cost(xc, y, strength, tau).sub(g(y)).sum();
                Tensor grad = Ops.grad(value, y, false);
                System.arraycopy(Tensors.toFlat(grad), 0, gradient, 0, gradient.length);
                return value.item_double();
            }
        };
        LbfgsResult result = Lbfgs.defaults().withMaxIterations(iterations).withTolerance(1e-9 * Math.max(1, scale))
                .withBounds(bounds[0], bounds[1]).minimise(objective, Tensors.toFlat(start));
        return Tensors.fromFlat(result.x(), new long[] {n, d}, potential.dtype());
    }

    private Tensor clampToDomain(double[] flat, int n, int d, Tensor like) {
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                flat[i * d + k] = Math.min(domain.upper()[k], Math.max(domain.lower()[k], flat[i * d + k]));
            }
        }
        return Tensors.fromFlat(flat, new long[] {n, d}, potential.dtype());
    }
}
