package io.github.mongeot.methods.gradnet;

import io.github.mongeot.core.autodiff.Autodiff;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.net.JacobianNetwork;
import io.github.mongeot.nn.net.Network;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The Monge–Ampère loss of GradNetOT (Chaudhari, Pranav, Moura 2025, eq. 8 and Algorithm 1): for
 * T = ∇ψ pushing p onto q, p(x) = q(T(x)) det J_T(x) (eq. 5), so the residual
 * r(x) = log det J_T(x) − log p(x) + log q(T(x)) vanishes on the optimal map; the loss is the mean
 * |r| (L1, as in the reference code) or r² over source samples.
 */
public final class GradnetObjective {
    /** Added to the diagonal before the log-determinant of a symmetric PSD Jacobian (float64 / float32). */
    static final double JITTER_64 = 1e-10;
    static final double JITTER_32 = 1e-6;
    /** Floor of a 2 × 2 determinant before its log: normal in float32 too. */
    static final double DET_FLOOR = 1e-30;

    private GradnetObjective() {
    }

    /** T(x) (n × d) and log |det J_T(x)| (n), both differentiable in the network's parameters. */
    public record Evaluation(Tensor mapped, Tensor logDet) {
    }

    /**
     * mGradNets use their closed-form symmetric PSD Jacobian and a Cholesky log-determinant
     * (closed form for d ≤ 2); any other network gets its Jacobian by autograd (create_graph) and
     * a batched slogdet.
     */
    public static Evaluation evaluate(Network network, Tensor x) {
        if (network instanceof JacobianNetwork jn) {
            Tensor[] both = jn.forwardAndJacobian(x);
            return new Evaluation(both[0], logDetSymmetricPsd(both[1]));
        }
        Tensor xv = Autodiff.variable(x);
        Tensor mapped = network.forward(xv);
        Tensor jacobian = Autodiff.jacobianOf(mapped, xv, true);
        return new Evaluation(mapped, torch.linalg_slogdet(jacobian).get1());
    }

    /** r(x_i) = log det J_T(x_i) − log p(x_i) + log q(T(x_i)) at each row. */
    public static Tensor residual(Network network, Density source, Density target, Tensor x) {
        Evaluation e = evaluate(network, x);
        return e.logDet().sub(source.logDensity(x)).add(target.logDensity(e.mapped()));
    }

    /** The training loss on the batch x: mean |r| or mean r². */
    public static Tensor loss(Network network, Density source, Density target, Tensor x, GradnetOptions.Loss kind) {
        Tensor r = residual(network, source, target, x);
        return kind == GradnetOptions.Loss.L1 ? r.abs().mean() : r.square().mean();
    }

    /**
     * log det(J + εI) for a batch of symmetric PSD matrices (n × d × d): log J for d = 1,
     * log(ad − b²) for d = 2, 2 Σ log diag(chol) otherwise.
     */
    static Tensor logDetSymmetricPsd(Tensor j) {
        long d = j.size(1);
        double jitter = GaussianMixtureDensity.dtypeOf(j) == DType.FLOAT64 ? JITTER_64 : JITTER_32;
        if (d == 1) {
            return j.select(1, 0).select(1, 0).add(Tensors.scalar(jitter)).log();
        }
        if (d == 2) {
            Tensor a = j.select(1, 0).select(1, 0).add(Tensors.scalar(jitter));
            Tensor b = j.select(1, 0).select(1, 1);
            Tensor c = j.select(1, 1).select(1, 1).add(Tensors.scalar(jitter));
            // ad − b² ≥ 0 in exact arithmetic; rounding can push a nearly singular J below 0 (NaN log)
            return a.mul(c).sub(b.square()).clamp_min(Tensors.scalar(DET_FLOOR)).log();
        }
        Tensor eye = torch.eye(d, j.options()).mul(Tensors.scalar(jitter));
        Tensor chol = torch.linalg_cholesky(j.add(eye));
        return Ops.sumLast(torch.diagonal(chol, 0, 1, 2).log()).mul(Tensors.scalar(2.0));
    }
}
