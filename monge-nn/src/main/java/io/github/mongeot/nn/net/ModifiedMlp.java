package io.github.mongeot.nn.net;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * The gated modified MLP (see {@link ModifiedMlpConfig}); parameters "encoder_u.*",
 * "encoder_v.*", "input.*", "gates.k.*", "output.*" (Xavier-uniform weights, zero biases) and
 * PReLU slopes under "activations.*".
 */
public final class ModifiedMlp extends MapNetwork {
    private final ModifiedMlpConfig config;
    private final Dense encoderU;
    private final Dense encoderV;
    private final Dense input;
    private final List<Dense> gates = new ArrayList<>();
    private final ActivationSite actU;
    private final ActivationSite actV;
    private final ActivationSite actInput;
    private final List<ActivationSite> actGates = new ArrayList<>();
    private final Dense output;

    public ModifiedMlp(ModifiedMlpConfig config, long seed) {
        this(config, seed, CPU);
    }

    public ModifiedMlp(ModifiedMlpConfig config, long seed, String device) {
        super(config.dtype(), device, config.inputDim(), config.outputDim(), config.conditionDim(), config.residual());
        this.config = config;
        Initializers init = new Initializers(seed);
        int in = config.inputDim() + config.conditionDim();
        int w = config.width();
        encoderU = dense("encoder_u", in, w, init);
        encoderV = dense("encoder_v", in, w, init);
        input = dense("input", in, w, init);
        actU = activation("activations.encoder_u", config.activation());
        actV = activation("activations.encoder_v", config.activation());
        actInput = activation("activations.input", config.activation());
        for (int k = 0; k < config.depth(); k++) {
            gates.add(dense("gates." + k, w, w, init));
            actGates.add(activation("activations.gates." + k, config.activation()));
        }
        output = dense("output", w, config.outputDim(), init);
    }

    @Override
    public ModifiedMlpConfig config() {
        return config;
    }

    @Override
    protected Tensor body(Tensor x) {
        Tensor u = actU.apply(encoderU.apply(x));
        Tensor v = actV.apply(encoderV.apply(x));
        Tensor h = actInput.apply(input.apply(x));
        for (int k = 0; k < gates.size(); k++) {
            Tensor z = actGates.get(k).apply(gates.get(k).apply(h));
            h = u.add(z.mul(v.sub(u))); // (1 − Z) ⊙ U + Z ⊙ V
        }
        return output.apply(h);
    }
}
