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
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The three networks of Algorithm 1 (Pooladian et al. 2024) and the operations built on them, on
 * inputs scaled by s = the domain's scale: the target potential g_θ(y) = κ·net(y/s) (κ the mean cost of random pairs), the
 * c-transform predictor y_ζ(x) = x + s·net(x/s), the spline predictor φ_η(x, y), the amortised
 * cost c(x, y) = E(φ_η(x, y); x, y) and the c-transform ŷ(x) = argmin_y c(x, y) − g_θ(y) by a per-row
 * box-projected Newton solver warm-started at y_ζ(x) (eq. 6; the paper fine-tunes with L-BFGS).
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
    /** Stop a row of the c-transform once its projected gradient norm is below this. */
    static final double NEWTON_TOLERANCE = 1e-8;
    /** Cells per axis of the grid of c-transform starting candidates, by default. */
    static final int GRID_SIDE = 4;
    /** Cells per axis of this dual's grid of c-transform starting candidates. */
    int gridSide = GRID_SIDE;

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

    /** The c-transform argmin for each row of x (detached n × d), started at the best of y_ζ(x) and a grid over the domain. */
    Tensor cTransform(Tensor x, int iterations, double strength, double tau) {
        return cTransform(x, null, iterations, strength, tau, true);
    }

    /**
     * The c-transform argmin for each row of x (detached n × d). The objective is not convex (obstacles, a
     * piecewise-linear g), and a local solver from y_ζ(x) alone ends in a non-global minimum for a fifth of
     * the rows (measured on the box problem); so each row starts from the best of y_ζ(x), the rows of
     * {@code candidates} (k × d, e.g. target samples; may be null) and, if {@code grid}, a coarse grid over the domain.
     */
    @SuppressWarnings("try")
    Tensor cTransform(Tensor x, Tensor candidates, int iterations, double strength, double tau, boolean grid) {
        Tensor start;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            start = predict(x).detach();
            Tensor pool = grid ? gridPoints() : null;
            if (candidates != null) {
                pool = pool == null ? candidates.detach() : torch.cat(new TensorVector(pool, candidates.detach()), 0);
            }
            if (pool != null) {
                start = bestStart(x, start, pool, strength, tau);
            }
        }
        return cTransform(x, start, iterations, strength, tau);
    }

    /** Pairs evaluated at once by {@link #bestStart}: larger pools go through in row chunks (same result, bounded memory). */
    static final long BEST_START_PAIRS = 65536;

    /** Per row, the start or the pool point (k × d) with the lowest c(x, y) − g(y); no gradients. */
    @SuppressWarnings("try")
    Tensor bestStart(Tensor x, Tensor start, Tensor pool, double strength, double tau) {
        long n = x.size(0);
        long rows = Math.max(1, BEST_START_PAIRS / pool.size(0));
        if (n > rows) {
            TensorVector parts = new TensorVector();
            for (long from = 0; from < n; from += rows) {
                long count = Math.min(rows, n - from);
                parts.push_back(bestStartChunk(x.narrow(0, from, count), start.narrow(0, from, count), pool, strength, tau));
            }
            return torch.cat(parts, 0);
        }
        return bestStartChunk(x, start, pool, strength, tau);
    }

    private Tensor bestStartChunk(Tensor x, Tensor start, Tensor pool, double strength, double tau) {
        long n = x.size(0);
        long k = pool.size(0);
        long d = x.size(1);
        Tensor xs = x.detach().unsqueeze(1).expand(new long[] {n, k, d}).reshape(new long[] {n * k, d});
        Tensor ys = pool.unsqueeze(0).expand(new long[] {n, k, d}).reshape(new long[] {n * k, d});
        Tensor values = cost(xs, ys, strength, tau).sub(g(ys)).view(new long[] {n, k});
        Tensor startValues = cost(x.detach(), start, strength, tau).sub(g(start));
        T_TensorTensor_T best = values.min(1, false);
        Tensor chosen = pool.index_select(0, best.get1());
        Tensor better = best.get0().lt(startValues).unsqueeze(1);
        return torch.where(better, chosen, start);
    }

    /** A gridSide^d grid of cell centres over the domain (d ≤ 3; none above). */
    private Tensor gridPoints() {
        int d = domain.dim();
        if (d > 3) {
            return null;
        }
        int count = (int) Math.pow(gridSide, d);
        double[][] points = new double[count][d];
        for (int i = 0; i < count; i++) {
            int rest = i;
            for (int k = 0; k < d; k++) {
                int cell = rest % gridSide;
                rest /= gridSide;
                points[i][k] = domain.lower()[k] + (domain.upper()[k] - domain.lower()[k]) * (cell + 0.5) / gridSide;
            }
        }
        return Tensors.fromRows(points, potential.dtype());
    }

    /**
     * The c-transform argmin from {@code start} (n × d) by {@link BoxNewton}: per-row projected Newton, each
     * row with its own line search, at most {@code iterations} iterations; detached result.
     */
    Tensor cTransform(Tensor x, Tensor start, int iterations, double strength, double tau) {
        return cTransformSolved(x, start, iterations, strength, tau).solution();
    }

    BoxNewton.Solved cTransformSolved(Tensor x, Tensor start, int iterations, double strength, double tau) {
        Tensor xc = x.detach();
        BoxNewton.RowObjective objective = (y, rows) -> cost(rows == null ? xc : xc.index_select(0, rows), y, strength, tau).sub(g(y));
        return new BoxNewton(domain.lower(), domain.upper(), iterations, NEWTON_TOLERANCE).solve(objective, start, potential.dtype());
    }

    /**
     * The earlier solver, kept for comparison: one box-projected L-BFGS on the summed objective Σ_i c(x_i, y_i) − g(y_i)
     * (a single line search and curvature model shared by the whole batch).
     */
    @SuppressWarnings("try")
    Tensor cTransformSummedLbfgs(Tensor x, Tensor start, int iterations, double strength, double tau) {
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
