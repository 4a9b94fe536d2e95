package io.github.mongeot.core.sinkhorn;

import io.github.mongeot.core.cost.Cost;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Sinkhorn whose outputs are attached to the caller's autograd graph: gradients flow to the cost
 * matrix (hence to point positions through {@link Cost#matrix(Tensor, Tensor)}) and to the weights.
 *
 * <p>All returned tensors are new allocations in the caller's {@code PointerScope}. ε is resolved from
 * the detached cost matrix (a relative ε's mean(C) is a constant for gradients). The weights must be
 * positive (their logarithms enter the iterations). Always the log domain; {@code options.mode()} is
 * ignored, except that the {@link Differentiation#IMPLICIT} forward solve uses it.
 *
 * <p>Gauge: (f + c, g − c) is as good a solution as (f, g). Gradients are meaningful for losses that
 * do not change under this shift — the regularised cost, functions of the plan, ⟨f, a⟩ + ⟨g, b⟩,
 * differences f_i − f_k.
 */
public final class DifferentiableSinkhorn {
    private DifferentiableSinkhorn() {
    }

    /**
     * Differentiable outputs.
     *
     * @param f source potential (n), on the graph
     * @param g target potential (m), on the graph
     * @param regularizedCost OT_ε as the dual value ⟨f, a⟩ + ⟨g, b⟩ − ε(Σ_ij a_i b_j e^{(f_i+g_j−C_ij)/ε} − 1):
     *     equal to ⟨P, C⟩ + ε KL(P‖a⊗b) at convergence, and stationary in (f, g) there, so its gradients
     *     are the envelope-theorem ones (∂/∂C = P, ∂/∂a = f − ε)
     */
    public record Output(Tensor f, Tensor g, Tensor regularizedCost, double epsilon, int iterations,
            double marginalError, boolean converged) {
        /** The plan P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε), on the graph. */
        public Tensor plan(Tensor costMatrix, Tensor a, Tensor b) {
            return SinkhornKernel.logPlan(costMatrix, f, g, a.log(), b.log(), epsilon).exp();
        }
    }

    /** Points x (n × d) and y (m × d) under a cost; gradients reach x and y through C = cost(x, y). */
    public static Output solve(Tensor x, Tensor y, Cost cost, Tensor a, Tensor b, SinkhornOptions options,
            Differentiation differentiation) {
        return solve(cost.matrix(x, y), a, b, options, differentiation);
    }

    /** A cost matrix C (n × m) and weights a (n), b (m), each summing to 1, all possibly requiring grad. */
    public static Output solve(Tensor costMatrix, Tensor a, Tensor b, SinkhornOptions options,
            Differentiation differentiation) {
        Engine.init();
        if (costMatrix.dim() != 2) {
            throw new InvalidInputException("cost matrix must be 2-D, got " + costMatrix.dim() + " dimensions");
        }
        int n = (int) costMatrix.size(0);
        int m = (int) costMatrix.size(1);
        double[] aValues = Tensors.toFlat(a);
        double[] bValues = Tensors.toFlat(b);
        Validation.checkWeights("source weights", aValues, n);
        Validation.checkWeights("target weights", bValues, m);
        checkPositive("source weights", aValues);
        checkPositive("target weights", bValues);
        double meanCost = Tensors.item(costMatrix.detach().mean());
        if (!Double.isFinite(meanCost)) {
            throw new InvalidInputException("cost matrix contains NaN or Inf");
        }
        double eps = options.resolveEpsilon(meanCost);
        return differentiation == Differentiation.UNROLL
                ? unrolled(costMatrix, a, b, eps, options)
                : implicit(costMatrix, a, b, aValues, bValues, eps, options);
    }

    private static Output unrolled(Tensor c, Tensor a, Tensor b, double eps, SinkhornOptions options) {
        DType dtype = dtypeOf(c);
        Tensor logA = a.log();
        Tensor logB = b.log();
        double[] f0 = options.initialF();
        Tensor f = f0 == null ? torch.zeros(new long[] {c.size(0)}, Tensors.options(dtype)) : Tensors.fromVector(f0, dtype);
        Tensor g = options.initialG() == null ? SinkhornKernel.updateG(c, f, logA, eps)
                : Tensors.fromVector(options.initialG(), dtype);
        int it = 0;
        double error = Double.NaN;
        boolean converged = false;
        while (it < options.maxIterations()) {
            f = SinkhornKernel.updateF(c, g, logB, eps);
            g = SinkhornKernel.updateG(c, f, logA, eps);
            it++;
            if (it % options.checkEvery() == 0 || it == options.maxIterations()) {
                error = rowError(c.detach(), f.detach(), g.detach(), a.detach(), logB.detach(), eps);
                if (!Double.isFinite(error)) {
                    throw SinkhornProblem.nonFinite("unrolled iteration " + it, eps);
                }
                if (error < options.threshold()) {
                    converged = true;
                    break;
                }
            }
        }
        return new Output(f, g, dualValue(c, f, g, a, b, logA, logB, eps), eps, it, error, converged);
    }

    private static Output implicit(Tensor c, Tensor a, Tensor b, double[] aValues, double[] bValues, double eps,
            SinkhornOptions options) {
        DType dtype = dtypeOf(c);
        SinkhornResult star = Sinkhorn.solve(c.detach(), aValues, bValues,
                options.withEpsilon(eps).withDType(dtype));
        int n = star.sourceSize();
        int m = star.targetSize();
        Tensor fStar = Tensors.fromVector(star.f(), dtype);
        Tensor gStar = Tensors.fromVector(star.g(), dtype);
        Tensor logA = a.log();
        Tensor logB = b.log();
        // One Jacobi step F(f*, g*; C, a, b) of the fixed-point map, differentiable in (C, a, b) only.
        Tensor z = torch.cat(new TensorVector(SinkhornKernel.updateF(c, gStar, logB, eps),
                SinkhornKernel.updateG(c, fStar, logA, eps)));
        // (I − ∂F/∂(f,g)) = D⁻¹H with D = diag(a, b), H = [[diag a, P], [Pᵀ, diag b]] (symmetric PSD, null
        // vector e = (1, −1): the gauge). H' = H + eeᵀ/|e|² is definite and agrees with H off the gauge.
        // out = x* + H'⁻¹ D (z − sg(z)): value x*, and its vector-Jacobian product is uᵀ ∂F/∂θ with
        // u = D H'⁻¹ r, the adjoint solution of (I − ∂F/∂(f,g))ᵀ u = r (core-ot.md, implicit differentiation).
        Tensor weights = torch.cat(new TensorVector(a.detach(), b.detach()));
        Tensor plan = star.planTensor();
        Tensor h = torch.cat(new TensorVector(
                torch.cat(new TensorVector(torch.diag(a.detach()), plan), 1),
                torch.cat(new TensorVector(plan.t(), torch.diag(b.detach())), 1)));
        Tensor e = torch.cat(new TensorVector(torch.ones(new long[] {n}, Tensors.options(dtype)),
                torch.ones(new long[] {m}, Tensors.options(dtype)).neg()));
        h = h.add(e.unsqueeze(1).mul(e.unsqueeze(0)).div(Tensors.scalar(n + m)));
        Tensor delta = torch.linalg_solve(h, z.sub(z.detach()).mul(weights));
        Tensor f = fStar.add(delta.narrow(0, 0, n));
        Tensor g = gStar.add(delta.narrow(0, n, m));
        return new Output(f, g, dualValue(c, f, g, a, b, logA, logB, eps), eps, star.iterations(),
                star.marginalError(), star.converged());
    }

    /** ⟨f, a⟩ + ⟨g, b⟩ − ε (Σ P − 1). */
    static Tensor dualValue(Tensor c, Tensor f, Tensor g, Tensor a, Tensor b, Tensor logA, Tensor logB, double eps) {
        Tensor mass = SinkhornKernel.logPlan(c, f, g, logA, logB, eps).exp().sum();
        return f.dot(a).add(g.dot(b)).sub(mass.sub(Tensors.scalar(1.0)).mul(Tensors.scalar(eps)));
    }

    /** ‖P1 − a‖₁ from a (detached) state after a g-update: (P1)_i = a_i exp((f_i − F(g)_i)/ε). */
    private static double rowError(Tensor c, Tensor f, Tensor g, Tensor a, Tensor logB, double eps) {
        Tensor fNext = SinkhornKernel.updateF(c, g, logB, eps);
        return Tensors.item(a.mul(f.sub(fNext).div(Tensors.scalar(eps)).exp().sub(Tensors.scalar(1.0)).abs()).sum());
    }

    private static DType dtypeOf(Tensor t) {
        return t.scalar_type() == DType.FLOAT32.scalarType() ? DType.FLOAT32 : DType.FLOAT64;
    }

    private static void checkPositive(String name, double[] w) {
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] > 0)) {
                throw new InvalidInputException(name + ": weight " + (i + 1) + " is " + w[i]
                        + " (differentiable Sinkhorn needs positive weights)");
            }
        }
    }
}
