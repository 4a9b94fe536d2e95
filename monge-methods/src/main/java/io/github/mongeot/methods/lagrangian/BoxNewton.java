package io.github.mongeot.methods.lagrangian;

import io.github.mongeot.core.autodiff.Autodiff;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Minimises n independent, possibly non-convex, small problems min_{l ≤ z_i ≤ u} φ(z_i) at once (rows of
 * an n × d tensor): the c-transforms ŷ(x_i) = argmin_y c(x_i, y) − g(y) of one batch (Pooladian et al.
 * 2024, eq. 6). Unlike one L-BFGS on the summed objective, every row has its own Newton model and its own
 * line search, so a row stuck in a hard region does not shrink the steps of the others.
 *
 * <p>Per iteration and row: the exact d × d Hessian (d extra backward passes), made positive definite by
 * replacing its eigenvalues λ by max(|λ|, δ) (modified Newton, Nocedal &amp; Wright §3.4); coordinates held
 * at a bound by the gradient are frozen (projected Newton, Bertsekas 1982); a backtracking Armijo search on
 * the projected step P(z + tp) − z. Rows whose projected gradient is below the tolerance stop.
 */
final class BoxNewton {
    private static final double ARMIJO = 1e-4;
    private static final int BACKTRACKS = 30;
    private final double[] lower;
    private final double[] upper;
    private final int maxIterations;
    private final double tolerance;

    /** Bounds per coordinate (length d), an iteration limit and the tolerance on the projected gradient norm of each row. */
    BoxNewton(double[] lower, double[] upper, int maxIterations, double tolerance) {
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** The iterations taken and the largest projected-gradient norm over the rows at the returned point. */
    record Report(int iterations, double maxProjectedGradient) {
    }

    /** The minimisers (detached, n × d) from {@code start}, clamped into the box first. */
    Tensor minimise(RowObjective phi, Tensor start, DType dtype) {
        return solve(phi, start, dtype).solution;
    }

    record Solved(Tensor solution, Report report) {
    }

    @SuppressWarnings("try")
    Solved solve(RowObjective phi, Tensor start, DType dtype) {
        Tensor lo = Tensors.fromFlat(lower, new long[] {1, lower.length}, dtype);
        Tensor hi = Tensors.fromFlat(upper, new long[] {1, upper.length}, dtype);
        Tensor z = torch.max(torch.min(start.detach(), hi), lo).clone();
        int iteration = 0;
        double worst = Double.NaN;
        while (true) {
            try (PointerScope scope = new PointerScope()) {
                Tensor zv = z.detach().requires_grad_(true);
                Tensor g = Autodiff.gradientOf(phi.value(zv, null), zv, true);
                Tensor gd = g.detach();
                // free coordinates: not at a bound that the gradient pushes against
                Tensor atLower = zv.detach().le(lo).logical_and(gd.gt(Tensors.scalar(0)));
                Tensor atUpper = zv.detach().ge(hi).logical_and(gd.lt(Tensors.scalar(0)));
                Tensor free = atLower.logical_or(atUpper).logical_not();
                Tensor projected = gd.mul(free);
                Tensor norm = torch.linalg_vector_norm(projected, Tensors.scalar(2), new long[] {1}, false, new ScalarTypeOptional());
                worst = norm.max().item_double();
                if (!(worst > tolerance) || iteration >= maxIterations) {
                    break;
                }
                Tensor hessian = Autodiff.jacobianOf(g, zv, false).detach();
                Tensor active = norm.gt(Tensors.scalar(tolerance));
                Tensor p = direction(hessian, projected, free, active);
                z.copy_(lineSearch(phi, z, gd, p, lo, hi));
                iteration++;
            }
        }
        return new Solved(z.detach(), new Report(iteration, worst));
    }

    /** −(|H|_δ)⁻¹ g on the free coordinates (frozen ones get 0, and an identity block in H), 0 on converged rows. */
    private static Tensor direction(Tensor hessian, Tensor g, Tensor free, Tensor active) {
        long d = g.size(1);
        Tensor f = free.to(hessian.scalar_type());
        Tensor mask = f.unsqueeze(2).mul(f.unsqueeze(1));
        Tensor eye = torch.eye(d, hessian.options()).unsqueeze(0);
        Tensor frozen = f.neg().add(Tensors.scalar(1.0)).unsqueeze(2);
        Tensor h = hessian.add(hessian.transpose(1, 2)).mul(Tensors.scalar(0.5)).mul(mask).add(eye.mul(frozen));
        Tensor finite = h.isfinite().all(new long[] {1, 2}, false).unsqueeze(1).unsqueeze(2);
        h = torch.where(finite, h, eye.expand(h.sizes().vec().get()));
        T_TensorTensor_T eig = torch.linalg_eigh(h, "L");
        Tensor lambda = eig.get0().abs();
        Tensor scale = lambda.amax(new long[] {1}, true).clamp_min(Tensors.scalar(1e-12));
        // δ relative to the largest curvature of the row: bounds the step along flat or negative directions
        Tensor modified = torch.max(lambda, scale.mul(Tensors.scalar(1e-3)));
        Tensor v = eig.get1();
        Tensor coefficients = v.transpose(1, 2).matmul(g.unsqueeze(2)).squeeze(2).div(modified);
        Tensor p = v.matmul(coefficients.unsqueeze(2)).squeeze(2).neg().mul(free);
        return p.mul(active.unsqueeze(1));
    }

    /**
     * Per-row backtracking from the full step on the projected path; rows without an acceptable step stay.
     * After the first trial only the rows still searching are evaluated.
     */
    private static Tensor lineSearch(RowObjective phi, Tensor z, Tensor g, Tensor p, Tensor lo, Tensor hi) {
        boolean gradMode = GradMode.is_enabled();
        GradMode.set_enabled(false);
        try {
            Tensor f0 = phi.value(z, null);
            Tensor result = z.clone();
            Tensor rows = null; // null: all rows
            double t = 1;
            for (int k = 0; k < BACKTRACKS; k++) {
                Tensor zr = rows == null ? z : z.index_select(0, rows);
                Tensor pr = rows == null ? p : p.index_select(0, rows);
                Tensor trial = torch.max(torch.min(zr.add(pr.mul(Tensors.scalar(t))), hi), lo);
                Tensor ft = phi.value(trial, rows);
                Tensor gr = rows == null ? g : g.index_select(0, rows);
                Tensor fr = rows == null ? f0 : f0.index_select(0, rows);
                Tensor decrease = gr.mul(trial.sub(zr)).sum(new long[] {1}, false, new ScalarTypeOptional());
                Tensor ok = ft.le(fr.add(decrease.mul(Tensors.scalar(ARMIJO)))).logical_and(ft.isfinite());
                Tensor accepted = ok.nonzero().squeeze(1);
                Tensor rejected = ok.logical_not().nonzero().squeeze(1);
                if (accepted.numel() > 0) {
                    result.index_copy_(0, rows == null ? accepted : rows.index_select(0, accepted), trial.index_select(0, accepted));
                }
                Tensor pending = rows == null ? rejected : rows.index_select(0, rejected);
                if (pending.numel() == 0) {
                    break;
                }
                rows = pending;
                t *= 0.5;
            }
            return result;
        } finally {
            GradMode.set_enabled(gradMode);
        }
    }

    /** A batch of independent objectives, one per row; {@code rows} (a long index tensor, or null for all) says which rows z holds. */
    interface RowObjective {
        Tensor value(Tensor z, Tensor rows);
    }
}
