package io.github.mongeot.methods.w2gn;

import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.net.Icnn;
import org.bytedeco.pytorch.Tensor;

/**
 * The W2GN training loss of Korotin, Egiazarian, Asadulaev, Safin &amp; Burnaev, "Wasserstein-2
 * Generative Networks" (ICLR 2021, arXiv:1909.13082), for the half-squared cost ½‖x − y‖²:
 *
 * <pre>
 *   L(ψ, ψ̄) = E_x ψ(x) + E_y [⟨y, ∇ψ̄(y)⟩ − ψ(∇ψ̄(y))] + λ E_y ‖∇ψ(∇ψ̄(y)) − y‖²
 * </pre>
 *
 * minimised jointly over both convex potentials. The first two terms are the semi-dual
 * E_x ψ + E_y ψ* with the conjugate ψ*(y) = max_x ⟨x, y⟩ − ψ(x) evaluated at the guess x = ∇ψ̄(y)
 * (a lower bound, tight when ∇ψ̄ = (∇ψ)⁻¹); instead of maximising over ψ̄ (a min-max problem),
 * the cycle term pulls ∇ψ̄ towards the inverse of ∇ψ, which turns training into one
 * non-adversarial minimisation. Then ∇ψ maps the source to the target and ∇ψ̄ back.
 * (Conventions for the scale of λ differ between write-ups; here it multiplies the mean
 * squared cycle residual.)
 */
final class W2gnObjective {
    private W2gnObjective() {
    }

    /** The loss on source batch x (n × d) and target batch y (m × d), with its autograd graph. */
    static Tensor loss(Icnn psi, Icnn psiBar, Tensor x, Tensor y, double lambdaCycle) {
        Tensor inverse = psiBar.gradient(y, true); // ∇ψ̄(y), differentiable in ψ̄'s parameters
        Tensor psiAtInverse = psi.forward(inverse);
        // ∇ψ(∇ψ̄(y)) from the same forward pass, kept differentiable (double backward)
        Tensor cycled = Ops.grad(psiAtInverse.sum(), inverse, true);
        Tensor conjugate = Ops.sumLast(y.mul(inverse)).sub(psiAtInverse).mean();
        Tensor cycle = Ops.sumLast(cycled.sub(y).square()).mean();
        return psi.forward(x).mean().add(conjugate).add(cycle.mul(Tensors.scalar(lambdaCycle)));
    }
}
