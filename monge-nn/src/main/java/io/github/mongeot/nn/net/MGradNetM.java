package io.github.mongeot.nn.net;

import io.github.mongeot.core.engine.Ops;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
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

    /**
     * All K modules at once (a few large ops instead of K small ones; the parameters stay one
     * tensor per module, stacked here): W (K × h × d), the pre-activations u (K × n × h) and the
     * per-module scalars, each shaped K × 1 × 1.
     */
    private record Stacked(Tensor weight, Tensor u, Tensor alpha, Tensor beta, Tensor a, Tensor b) {
    }

    private Stacked stacked(Tensor x) {
        int k = modules.size();
        TensorVector w = new TensorVector();
        TensorVector bias = new TensorVector();
        TensorVector scalars = new TensorVector();
        for (GradModule m : modules) {
            w.push_back(m.weight);
            bias.push_back(m.bias);
        }
        for (GradModule m : modules) {
            scalars.push_back(torch.cat(new TensorVector(m.alpha, m.beta, m.sigmaA, m.sigmaB)));
        }
        Tensor weight = torch.stack(w); // K × h × d
        Tensor s = torch.softplus(torch.stack(scalars)).view(new long[] {k, 4, 1, 1});
        Tensor beta = s.select(1, 1);
        Tensor pre = torch.matmul(x, weight.transpose(1, 2)).add(torch.stack(bias).unsqueeze(1)); // K × n × h
        return new Stacked(weight, beta.mul(pre), s.select(1, 0), beta, s.select(1, 2), s.select(1, 3));
    }

    /** Σ_k c_k · rows_k W_k for per-module rows (K × n × h), c_k folded in: one n × Kh by Kh × d product. */
    private static Tensor sumOverModules(Tensor rows, Tensor weight) {
        long k = rows.size(0);
        long n = rows.size(1);
        long h = rows.size(2);
        Tensor flatRows = rows.permute(new long[] {1, 0, 2}).reshape(new long[] {n, k * h});
        return flatRows.mm(weight.reshape(new long[] {k * h, weight.size(2)}));
    }

    @Override
    public Tensor forward(Tensor x) {
        checkInput(x, config.dim(), "input");
        Stacked st = stacked(x);
        return output(st, activations(st.u()));
    }

    @Override
    public Tensor jacobian(Tensor x) {
        checkInput(x, config.dim(), "input");
        Stacked st = stacked(x);
        return jacobian(st, activations(st.u()));
    }

    /** T(x) and J(x) from one pass over the modules (u, softmax/softmin or tanh computed once). */
    @Override
    public Tensor[] forwardAndJacobian(Tensor x) {
        checkInput(x, config.dim(), "input");
        Stacked st = stacked(x);
        Tensor[] act = activations(st.u());
        return new Tensor[] {output(st, act), jacobian(st, act)};
    }

    /** {softmax(u), softmax(−u)} for the softmax type, {tanh u} for weighted tanh. */
    private Tensor[] activations(Tensor u) {
        if (config.kind() == MGradNetMConfig.ModuleActivation.WEIGHTED_TANH) {
            return new Tensor[] {u.tanh()};
        }
        return new Tensor[] {torch.softmax(u, 2), torch.softmax(u.neg(), 2)};
    }

    private Tensor output(Stacked st, Tensor[] act) {
        Tensor sigma;
        if (config.kind() == MGradNetMConfig.ModuleActivation.WEIGHTED_TANH) {
            sigma = st.a().mul(act[0]).add(st.b().mul(st.u().sub(act[0])));
        } else {
            sigma = st.a().mul(act[0]).sub(st.b().mul(act[1]));
        }
        return sumOverModules(st.alpha().mul(sigma), st.weight()).add(outputBias);
    }

    private Tensor jacobian(Stacked st, Tensor[] act) {
        long k = modules.size();
        long h = config.width();
        long d = config.dim();
        Tensor c = st.alpha().mul(st.beta()); // s⁺(α_k) s⁺(β_k)
        // W_kᵀ diag(g_k) W_k summed over k: one n × Kh by Kh × d² product (entries W_kja W_kjb)
        Tensor pairs = st.weight().unsqueeze(3).mul(st.weight().unsqueeze(2)).reshape(new long[] {k * h, d * d});
        if (config.kind() == MGradNetMConfig.ModuleActivation.WEIGHTED_TANH) {
            Tensor t2 = act[0].square();
            Tensor derivative = st.a().mul(t2.neg().add(new Scalar(1.0))).add(st.b().mul(t2)); // σ′ ≥ 0
            return gram(c.mul(derivative), pairs, d);
        }
        // Hessian of logsumexp: diag(p) − p pᵀ, so Wᵀ J W = Wᵀ diag(p) W − (Wᵀp)(Wᵀp)ᵀ
        Tensor p = act[0];
        Tensor q = act[1];
        Tensor jac = gram(c.mul(st.a().mul(p).add(st.b().mul(q))), pairs, d);
        // Σ_k c_k a_k v_k v_kᵀ + c_k b_k w_k w_kᵀ with v_k = W_kᵀ p_k, w_k = W_kᵀ q_k: stacking the 2K scaled
        // vectors as the rows of V_i (2K × d) makes it one batched product V_iᵀ V_i (a broadcast outer
        // product instead was 20× slower in backward at d = 16)
        Tensor scaleP = c.mul(st.a()).sqrt(); // K × 1 × 1, > 0
        Tensor scaleQ = c.mul(st.b()).sqrt();
        Tensor v = torch.cat(new TensorVector(torch.matmul(p, st.weight()).mul(scaleP), torch.matmul(q, st.weight()).mul(scaleQ)))
                .transpose(0, 1); // n × 2K × d
        return jac.sub(torch.bmm(v.transpose(1, 2), v));
    }

    private static Tensor gram(Tensor g, Tensor pairs, long d) {
        long n = g.size(1);
        Tensor flat = g.permute(new long[] {1, 0, 2}).reshape(new long[] {n, -1});
        return flat.mm(pairs).view(new long[] {n, d, d});
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
