package io.github.mongeot.nn.net;

import io.github.mongeot.core.engine.Ops;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * mGradNet-M (see {@link MGradNetMConfig}), with s⁺ = softplus and u_k = s⁺(β_k)(W_k x + b_k):
 * T(x) = Σ_k s⁺(α_k) W_kᵀ σ_k(u_k) + b, J = Σ_k s⁺(α_k) s⁺(β_k) W_kᵀ J_{σ_k}(u_k) W_k, and
 * T = ∇ψ for ψ(x) = Σ_k s⁺(α_k)/s⁺(β_k) Φ_k(u_k) + bᵀx ({@link #potential}).
 * Parameters per module k: "modules.k.weight" (h × d, Xavier uniform), "modules.k.bias" (0),
 * scalars "modules.k.alpha", "modules.k.beta", "modules.k.sigma_a", "modules.k.sigma_b"
 * (U(0, 1)); and "output.bias" (0).
 */
public final class MGradNetM extends Network implements JacobianNetwork {
    private static final double LOG_2 = Math.log(2);
    private final MGradNetMConfig config;
    private final List<GradModule> modules = new ArrayList<>();
    private final Tensor outputBias;

    private record GradModule(Tensor weight, Tensor bias, Tensor alpha, Tensor beta, Tensor sigmaA, Tensor sigmaB) {
    }

    public MGradNetM(MGradNetMConfig config, long seed) {
        this(config, seed, CPU);
    }

    public MGradNetM(MGradNetMConfig config, long seed, String device) {
        super(config.dtype(), device);
        this.config = config;
        Initializers init = new Initializers(seed);
        int h = config.width();
        int d = config.dim();
        for (int k = 0; k < config.modules(); k++) {
            String p = "modules." + k + ".";
            modules.add(new GradModule(parameter(p + "weight", init.xavier(h, d), h, d), parameter(p + "bias", new double[h], h),
                    parameter(p + "alpha", init.uniform(1, 0, 1), 1), parameter(p + "beta", init.uniform(1, 0, 1), 1),
                    parameter(p + "sigma_a", init.uniform(1, 0, 1), 1), parameter(p + "sigma_b", init.uniform(1, 0, 1), 1)));
        }
        outputBias = parameter("output.bias", new double[d], d);
    }

    @Override
    public MGradNetMConfig config() {
        return config;
    }

    private static Tensor u(GradModule m, Tensor x) {
        return torch.softplus(m.beta).mul(torch.linear(x, m.weight, m.bias));
    }

    private Tensor sigma(GradModule m, Tensor u) {
        Tensor a = torch.softplus(m.sigmaA);
        Tensor b = torch.softplus(m.sigmaB);
        if (config.kind() == MGradNetMConfig.ModuleActivation.WEIGHTED_TANH) {
            Tensor t = u.tanh();
            return a.mul(t).add(b.mul(u.sub(t)));
        }
        return a.mul(torch.softmax(u, 1)).sub(b.mul(torch.softmax(u.neg(), 1)));
    }

    @Override
    public Tensor forward(Tensor x) {
        checkInput(x, config.dim(), "input");
        Tensor out = outputBias.expand(x.size(0), config.dim());
        for (GradModule m : modules) {
            out = out.add(torch.softplus(m.alpha).mul(sigma(m, u(m, x)).mm(m.weight)));
        }
        return out;
    }

    @Override
    public Tensor jacobian(Tensor x) {
        checkInput(x, config.dim(), "input");
        Tensor jac = null;
        for (GradModule m : modules) {
            Tensor u = u(m, x);
            Tensor a = torch.softplus(m.sigmaA);
            Tensor b = torch.softplus(m.sigmaB);
            Tensor term;
            if (config.kind() == MGradNetMConfig.ModuleActivation.WEIGHTED_TANH) {
                Tensor t2 = u.tanh().square();
                Tensor g = a.mul(t2.neg().add(new Scalar(1.0))).add(b.mul(t2)); // σ′ ≥ 0
                term = GramForms.weightedGram(m.weight, g);
            } else {
                // Hessian of logsumexp: diag(p) − p pᵀ, so Wᵀ J W = Wᵀ diag(p) W − (Wᵀp)(Wᵀp)ᵀ
                Tensor p = torch.softmax(u, 1);
                Tensor q = torch.softmax(u.neg(), 1);
                Tensor partP = GramForms.weightedGram(m.weight, p).sub(GramForms.outer(p.mm(m.weight)));
                Tensor partQ = GramForms.weightedGram(m.weight, q).sub(GramForms.outer(q.mm(m.weight)));
                term = partP.mul(a).add(partQ.mul(b));
            }
            term = term.mul(torch.softplus(m.alpha).mul(torch.softplus(m.beta)));
            jac = jac == null ? term : jac.add(term);
        }
        return jac;
    }

    /** The convex potential ψ with ∇ψ = T, shape [n]. */
    public Tensor potential(Tensor x) {
        checkInput(x, config.dim(), "input");
        Tensor psi = x.mv(outputBias);
        for (GradModule m : modules) {
            Tensor u = u(m, x);
            Tensor a = torch.softplus(m.sigmaA);
            Tensor b = torch.softplus(m.sigmaB);
            Tensor phi;
            if (config.kind() == MGradNetMConfig.ModuleActivation.WEIGHTED_TANH) {
                // log cosh u = softplus(2u) − u − log 2, stable for large |u|
                Tensor logCosh = Ops.sumLast(torch.softplus(u.mul(new Scalar(2.0))).sub(u).sub(new Scalar(LOG_2)));
                Tensor half = Ops.sumLast(u.square()).mul(new Scalar(0.5));
                phi = a.mul(logCosh).add(b.mul(half.sub(logCosh)));
            } else {
                phi = a.mul(Ops.logsumexp(u, 1)).add(b.mul(Ops.logsumexp(u.neg(), 1)));
            }
            psi = psi.add(phi.mul(torch.softplus(m.alpha).div(torch.softplus(m.beta))));
        }
        return psi;
    }
}
