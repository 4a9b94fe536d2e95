package io.github.mongeot.nn.net;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * mGradNet-C (see {@link MGradNetCConfig}), with s⁺ = softplus:
 * z₀ = s⁺(β₀) ⊙ (Wx + b₀), z_l = s⁺(β_l) ⊙ (Wx + b_l) + s⁺(α_{l−1}) ⊙ σ(z_{l−1}),
 * T(x) = Wᵀ[s⁺(α_{L−1}) ⊙ σ(z_{L−1})] + b_L.
 * Closed-form Jacobian J = Wᵀ diag(s⁺(α_{L−1}) ⊙ σ′(z_{L−1}) ⊙ λ_{L−1}) W with λ₀ = s⁺(β₀),
 * λ_l = s⁺(β_l) + s⁺(α_{l−1}) ⊙ σ′(z_{l−1}) ⊙ λ_{l−1}: symmetric PSD since σ′ ≥ 0.
 * Parameters: "weight" (h × d, Xavier uniform), "layers.l.bias" (0), "layers.l.alpha" and
 * "layers.l.beta" (U(0, 1)), "output.bias" (0).
 */
public final class MGradNetC extends Network implements JacobianNetwork {
    private final MGradNetCConfig config;
    private final Tensor weight;
    private final List<Tensor> biases = new ArrayList<>();
    private final List<Tensor> alphas = new ArrayList<>();
    private final List<Tensor> betas = new ArrayList<>();
    private final Tensor outputBias;

    public MGradNetC(MGradNetCConfig config, long seed) {
        this(config, seed, CPU);
    }

    public MGradNetC(MGradNetCConfig config, long seed, String device) {
        super(config.dtype(), device);
        this.config = config;
        Initializers init = new Initializers(seed);
        int h = config.width();
        int d = config.dim();
        weight = parameter("weight", init.xavier(h, d), h, d);
        for (int l = 0; l < config.layers(); l++) {
            biases.add(parameter("layers." + l + ".bias", new double[h], h));
            alphas.add(parameter("layers." + l + ".alpha", init.uniform(h, 0, 1), h));
            betas.add(parameter("layers." + l + ".beta", init.uniform(h, 0, 1), h));
        }
        outputBias = parameter("output.bias", new double[d], d);
    }

    @Override
    public MGradNetCConfig config() {
        return config;
    }

    /** The pre-activations z_0 … z_{L−1}. */
    private List<Tensor> cascade(Tensor x) {
        checkInput(x, config.dim(), "input");
        Tensor wx = torch.linear(x, weight);
        Activation sigma = config.activation();
        List<Tensor> z = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            Tensor zl = torch.softplus(betas.get(l)).mul(wx.add(biases.get(l)));
            if (l > 0) {
                zl = zl.add(torch.softplus(alphas.get(l - 1)).mul(sigma.apply(z.get(l - 1))));
            }
            z.add(zl);
        }
        return z;
    }

    @Override
    public Tensor forward(Tensor x) {
        List<Tensor> z = cascade(x);
        int last = config.layers() - 1;
        Tensor top = torch.softplus(alphas.get(last)).mul(config.activation().apply(z.get(last)));
        return top.mm(weight).add(outputBias);
    }

    @Override
    public Tensor jacobian(Tensor x) {
        List<Tensor> z = cascade(x);
        Activation sigma = config.activation();
        Tensor lambda = torch.softplus(betas.get(0)).expand(z.get(0).size(0), config.width());
        for (int l = 1; l < config.layers(); l++) {
            lambda = torch.softplus(betas.get(l)).add(torch.softplus(alphas.get(l - 1)).mul(sigma.derivative(z.get(l - 1))).mul(lambda));
        }
        int last = config.layers() - 1;
        Tensor diag = torch.softplus(alphas.get(last)).mul(sigma.derivative(z.get(last))).mul(lambda);
        return GramForms.weightedGram(weight, diag);
    }
}
