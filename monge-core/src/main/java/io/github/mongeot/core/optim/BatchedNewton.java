package io.github.mongeot.core.optim;

import io.github.mongeot.core.autodiff.Autodiff;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Minimises many independent small smooth strongly convex problems z*_i = argmin_z φ(z; w_i) at once
 * (rows of an n × d tensor, d small), e.g. (∇h)⁻¹(w) = argmin_z h(z) − ⟨z, w⟩.
 *
 * <p>Damped Newton: the per-row Hessian comes from d extra backward passes through the gradient,
 * the direction from a batched Cholesky solve; rows whose Hessian is not positive definite (or
 * not finite) take a gradient step instead. A per-row backtracking (Armijo) line search picks the
 * step. Rows stop moving once their gradient norm is below the tolerance; the solve ends when all
 * have, or at the iteration limit — the {@link NewtonReport} says which.
 *
 * <p>{@link #attachImplicitGradient} makes the solution differentiable w.r.t. the parameters and
 * data of φ by the implicit function theorem, without unrolling the iterations.
 */
public final class BatchedNewton {
    /**
     * Armijo sufficient-decrease constant (Nocedal &amp; Wright, ch. 3). Larger than the textbook 1e-4:
     * for h with a singular Hessian at 0 (p-norms with p &lt; 2) full Newton steps can jump across 0
     * with almost no decrease and cycle; asking for a quarter of the predicted decrease halves
     * those steps (full steps on a quadratic model give one half, so they still pass).
     */
    private static final double ARMIJO = 0.25;

    private final double tolerance;
    private final int maxIterations;
    private final int maxLineSearchSteps;

    private BatchedNewton(double tolerance, int maxIterations, int maxLineSearchSteps) {
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.maxLineSearchSteps = maxLineSearchSteps;
    }

    /** Default settings: gradient tolerance chosen by dtype (1e-12 for float64, 1e-5 for float32), 50 iterations. */
    public static BatchedNewton defaults() {
        return new BatchedNewton(Double.NaN, 50, 40);
    }

    /** Stop when every row has ‖∇_z φ‖₂ ≤ {@code tolerance}. */
    public BatchedNewton withTolerance(double tolerance) {
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a positive finite number, got " + tolerance);
        }
        return new BatchedNewton(tolerance, maxIterations, maxLineSearchSteps);
    }

    public BatchedNewton withMaxIterations(int maxIterations) {
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
        }
        return new BatchedNewton(tolerance, maxIterations, maxLineSearchSteps);
    }

    /** Halvings of the step tried by the backtracking line search before a row gives up for this iteration. */
    public BatchedNewton withMaxLineSearchSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("maxLineSearchSteps must be >= 1, got " + steps);
        }
        return new BatchedNewton(tolerance, maxIterations, steps);
    }

    /** The tolerance used for tensors of this dtype. */
    public double tolerance(Tensor z) {
        if (!Double.isNaN(tolerance)) {
            return tolerance;
        }
        return isDouble(z) ? 1e-12 : 1e-5;
    }

    /**
     * Minimises φ row by row starting from {@code z0} (n × d, a warm start; not modified).
     * The solution is detached and belongs to the caller's PointerScope, if one is open.
     */
    public NewtonResult minimise(BatchedObjective phi, Tensor z0) {
        if (z0.dim() != 2) {
            throw new IllegalArgumentException("z0 must be an n x d tensor, got " + z0.dim() + " dimensions");
        }
        double tol = tolerance(z0);
        Tensor z = z0.detach().clone();
        long gradientSteps = 0;
        double maxGrad = Double.NaN;
        int iteration = 0;
        boolean converged = false;
        while (true) {
            try (PointerScope scope = new PointerScope()) {
                Tensor zv = z.detach().requires_grad_(true);
                Tensor g = phi.gradient(zv, true);
                Tensor gradNorm = rowNorm(g.detach());
                maxGrad = gradNorm.max().item_double();
                if (maxGrad <= tol) {
                    converged = true;
                    break;
                }
                if (iteration >= maxIterations || !Double.isFinite(maxGrad)) {
                    break;
                }
                Tensor hessian = Autodiff.jacobianOf(g, zv, false).detach();
                Tensor gd = g.detach();
                Tensor active = gradNorm.gt(Tensors.scalar(tol));
                Direction dir = direction(hessian, gd, active);
                gradientSteps += dir.gradientSteps;
                Tensor step = lineSearch(phi, z, gd, dir.p);
                z.add_(step);
                iteration++;
            }
        }
        return new NewtonResult(z, new NewtonReport(iteration, maxGrad, converged, gradientSteps, tol));
    }

    /**
     * z* made differentiable by the implicit function theorem: returns
     * stopgrad(z*) − stopgrad([∇²_z φ(z*)]⁻¹) ∇_z φ_θ(stopgrad(z*)).
     * Its value is z* (one more Newton step, which only improves it) and its derivative w.r.t. any
     * parameter θ or data w that φ closes over is −[∇²_z φ]⁻¹ ∂_θ ∇_z φ = the derivative of z* w.r.t. θ. So a caller's loss
     * L(z*) backpropagates exactly as through the surrogate −⟨stopgrad(u), ∇_z φ_θ(stopgrad(z*))⟩ with
     * u = [∇²_z φ(z*)]⁻¹ ∂L/∂z* (core-ot.md, "Differentiating through argmin"; Blondel et al. 2022).
     * First derivatives only: do not differentiate the result twice.
     */
    public Tensor attachImplicitGradient(BatchedObjective phi, Tensor zStar) {
        Tensor zs = zStar.detach().requires_grad_(true);
        Tensor g = phi.gradient(zs, true);
        Tensor hessian = Autodiff.jacobianOf(g, zs, false).detach();
        Tensor correction = torch.linalg_solve(hessian, g.unsqueeze(-1)).squeeze(-1);
        return zStar.detach().sub(correction);
    }

    /**
     * The scalar surrogate −⟨stopgrad(u), ∇_z φ_θ(stopgrad(z*))⟩, u = [∇²_z φ(z*)]⁻¹ ∂L/∂z*: adding it to
     * a loss that uses stopgrad(z*) and backpropagating gives the implicit gradient w.r.t. θ and w.
     */
    public Tensor implicitSurrogate(BatchedObjective phi, Tensor zStar, Tensor dLossDz) {
        Tensor zs = zStar.detach().requires_grad_(true);
        Tensor g = phi.gradient(zs, true);
        Tensor hessian = Autodiff.jacobianOf(g, zs, false).detach();
        // The Hessian is symmetric, so solving with it gives the adjoint u directly.
        Tensor u = torch.linalg_solve(hessian, dLossDz.detach().unsqueeze(-1)).squeeze(-1);
        return u.mul(g).sum().neg();
    }

    private record Direction(Tensor p, long gradientSteps) {
    }

    /** Newton direction −H⁻¹g by Cholesky where H is positive definite, −g elsewhere, 0 on converged rows. */
    private static Direction direction(Tensor hessian, Tensor g, Tensor active) {
        long d = g.size(1);
        Tensor eye = torch.eye(d, g.options()).expand(hessian.sizes().vec().get());
        Tensor finite = hessian.isfinite().all(new long[] {1, 2}, false);
        Tensor cleaned = torch.where(finite.unsqueeze(1).unsqueeze(2), hessian, eye);
        T_TensorTensor_T chol = torch.linalg_cholesky_ex(cleaned, false, false);
        Tensor pd = chol.get1().eq(Tensors.scalar(0)).logical_and(finite);
        Tensor pd3 = pd.unsqueeze(1).unsqueeze(2);
        Tensor factor = torch.where(pd3, chol.get0(), eye);
        Tensor newton = torch.cholesky_solve(g.unsqueeze(-1), factor, false).squeeze(-1).neg();
        Tensor p = torch.where(pd.unsqueeze(1), newton, g.neg());
        p = torch.where(active.unsqueeze(1), p, torch.zeros_like(p));
        long fallbacks = pd.logical_not().logical_and(active).sum().item_long();
        return new Direction(p, fallbacks);
    }

    /** Per-row backtracking from the full step; rows that find no acceptable step stay where they are. */
    private Tensor lineSearch(BatchedObjective phi, Tensor z, Tensor g, Tensor p) {
        boolean gradMode = GradMode.is_enabled();
        GradMode.set_enabled(false);
        try {
            Tensor f0 = phi.value(z);
            Tensor slope = g.mul(p).sum(new long[] {1}, false, new ScalarTypeOptional());
            // Round-off slack: near the optimum the decrease is below machine precision of φ,
            // and full Newton steps must still be accepted.
            double eps = isDouble(z) ? 1e-15 : 1e-6;
            Tensor slack = f0.abs().add(Tensors.scalar(1.0)).mul(Tensors.scalar(8 * eps));
            Tensor t = torch.ones_like(f0);
            Tensor ok = null;
            for (int k = 0; k < maxLineSearchSteps; k++) {
                Tensor ft = phi.value(z.add(p.mul(t.unsqueeze(1))));
                Tensor bound = f0.add(slope.mul(t).mul(Tensors.scalar(ARMIJO))).add(slack);
                ok = ft.le(bound).logical_and(ft.isfinite());
                if (ok.all().item_bool()) {
                    break;
                }
                t = torch.where(ok, t, t.mul(Tensors.scalar(0.5)));
            }
            t = torch.where(ok, t, torch.zeros_like(t));
            return p.mul(t.unsqueeze(1));
        } finally {
            GradMode.set_enabled(gradMode);
        }
    }

    private static boolean isDouble(Tensor t) {
        // (compare the enum's value: the binding may hand back a distinct instance)
        return t.scalar_type().value == ScalarType.Double.value;
    }

    private static Tensor rowNorm(Tensor g) {
        return torch.linalg_vector_norm(g, Tensors.scalar(2), new long[] {1}, false, new ScalarTypeOptional());
    }
}
