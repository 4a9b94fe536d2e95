package io.github.mongeot.nn.net;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * Multilayer perceptron (see {@link MlpConfig}); parameters "layers.k.weight"/"layers.k.bias"
 * (Xavier-uniform weights, zero biases) and, for PReLU, "activations.k.weight".
 */
public final class Mlp extends MapNetwork {
    private final MlpConfig config;
    private final List<Dense> layers = new ArrayList<>();
    private final List<ActivationSite> activations = new ArrayList<>();

    public Mlp(MlpConfig config, long seed) {
        this(config, seed, CPU);
    }

    public Mlp(MlpConfig config, long seed, String device) {
        super(config.dtype(), device, config.inputDim(), config.outputDim(), config.conditionDim(), config.residual());
        this.config = config;
        Initializers init = new Initializers(seed);
        int in = config.inputDim() + config.conditionDim();
        List<Integer> hidden = config.hidden();
        for (int k = 0; k < hidden.size(); k++) {
            layers.add(dense("layers." + k, in, hidden.get(k), init));
            activations.add(activation("activations." + k, config.activation()));
            in = hidden.get(k);
        }
        layers.add(dense("layers." + hidden.size(), in, config.outputDim(), init));
    }

    @Override
    public MlpConfig config() {
        return config;
    }

    @Override
    protected Tensor body(Tensor input) {
        Tensor h = input;
        for (int k = 0; k < activations.size(); k++) {
            h = activations.get(k).apply(layers.get(k).apply(h));
        }
        return layers.get(layers.size() - 1).apply(h);
    }
}
