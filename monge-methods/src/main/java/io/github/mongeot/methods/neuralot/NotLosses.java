package io.github.mongeot.methods.neuralot;

import io.github.mongeot.core.autodiff.Autodiff;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Tensor;

/**
 * The costs and the two losses of the NOT max–min (Korotin et al. 2023, eq. (8) of the report):
 *
 * <pre>
 *   sup_f inf_T  ∫ f dν + ∫ [ C(x, T(x, ·)#ζ) − ∫ f(T(x, z)) dζ(z) ] dμ(x)
 * </pre>
 *
 * The γ-weak quadratic cost C_γ(x, ρ) = ½∫‖x − y‖²dρ(y) − (γ/2)Var(ρ) = ½‖x − E_ρ y‖² + ((1 − γ)/2)Var(ρ)
 * (report eq. (4)) is estimated from K draws y_k = T(x, z_k) with ȳ their mean and s² their unbiased
 * per-coordinate variance: since E‖x − ȳ‖² = ‖x − E y‖² + Var/K and E s² = Var,
 *
 * <pre>
 *   Ĉ(x) = mean_coord (x − ȳ)² + (1 − γ − 1/K) · mean_coord s²
 * </pre>
 *
 * is unbiased for (2/d)·C_γ(x, ρ) (the per-coordinate mean of the reference code; for d = 2 it is C_γ
 * itself).
 */
final class NotLosses {
    private NotLosses() {
    }

    /**
     * mean over x of Ĉ(x), for inputs x (n × d) and draws y (n × K × d, K ≥ 2); differentiable in y.
     * γ &lt; 0 is the report's variance penalty (coefficient 1 + 2λ − 1/K for γ = −2λ).
     */
    static Tensor weakQuadraticCost(Tensor x, Tensor y, double gamma) {
        long k = y.size(1);
        if (k < 2) {
            throw new InvalidInputException("the weak cost needs K >= 2 draws per input for the variance, got " + k);
        }
        long d = x.size(1);
        Tensor mean = Ops.sum(y, 1).div(Tensors.scalar(k)); // ȳ, n × d
        Tensor centred = y.sub(mean.unsqueeze(1));
        Tensor variance = Ops.sum(centred.square(), 1).div(Tensors.scalar(k - 1)); // s², n × d, unbiased
        Tensor bias = Ops.sumLast(x.sub(mean).square()).div(Tensors.scalar(d));
        Tensor spread = Ops.sumLast(variance).div(Tensors.scalar(d));
        return bias.add(spread.mul(Tensors.scalar(1 - gamma - 1.0 / k))).mean();
    }

    /** The strong quadratic cost of the deterministic variant: mean over x of mean_coord (x − T(x))². */
    static Tensor strongQuadraticCost(Tensor x, Tensor mapped) {
        return x.sub(mapped).square().mean();
    }

    /** The T-step loss (minimised over T): mean_x Ĉ(x) − mean_{x,k} f(T(x, z_k)). */
    static Tensor mapLoss(Tensor cost, Tensor potentialAtMapped) {
        return cost.sub(potentialAtMapped.mean());
    }

    /** The f-step loss (minimised over f, i.e. f maximises ∫f dν − ∫f(T) dμ): mean f(T(x, z)) − mean f(y). */
    static Tensor potentialLoss(Tensor potentialAtMapped, Tensor potentialAtTarget) {
        return potentialAtMapped.mean().sub(potentialAtTarget.mean());
    }

    /**
     * The gradient penalty of WGAN-GP (Gulrajani et al. 2017, eq. (3)): mean_i (‖∇f(ŷ_i)‖ − norm)² at
     * ŷ_i = ε_i·a_i + (1 − ε_i)·b_i for paired rows a, b (m × d) and weights ε (m × 1); differentiable
     * in f's parameters (double backward).
     */
    static Tensor gradientPenalty(UnaryOperator<Tensor> potential, Tensor a, Tensor b, Tensor eps, double norm) {
        Tensor between = b.detach().add(a.detach().sub(b.detach()).mul(eps)); // b + ε(a − b)
        Tensor gradient = Autodiff.gradient(potential, between, true);
        // + 1e-12 keeps the square root differentiable where a gradient vanishes
        return Ops.sumLast(gradient.square()).add(Tensors.scalar(1e-12)).sqrt().sub(Tensors.scalar(norm)).square().mean();
    }
}
