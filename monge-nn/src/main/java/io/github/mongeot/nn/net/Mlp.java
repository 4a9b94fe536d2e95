package io.github.mongeot.nn.net;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * Multilayer perceptron (see {@link MlpConfig}); parameters "layers.k.weight"/"layers.k.bias"
 * (Xavier-uniform weights, zero biases) and, for PReLU, "activations.k.weight".
 */
public final class Mlp extends Network {
    private final MlpConfig config;
    private final List<Dense> layers = new ArrayList<>();
    private final List<ActivationSite> activations = new ArrayList<>();

    public Mlp(MlpConfig config, long seed) {
        this(config, seed, CPU);
    }

    public Mlp(MlpConfig config, long seed, String device) {
        super(config.dtype(), device);
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
    public int inputDim() {
        return config.inputDim();
    }

    @Override
    public int outputDim() {
        return config.outputDim();
    }

    @Override
    public int conditionDim() {
        return config.conditionDim();
    }

    @Override
    public MlpConfig config() {
        return config;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (config.conditionDim() > 0) {
            throw new io.github.mongeot.core.data.InvalidInputException("this mlp needs a condition: call forward(x, condition)");
        }
        checkInput(x, config.inputDim(), "input");
        return body(x, x);
    }

    @Override
    protected Tensor forwardConditional(Tensor x, Tensor condition) {
        return body(x, withCondition(x, condition));
    }

    private Tensor body(Tensor x, Tensor input) {
        Tensor h = input;
        for (int k = 0; k < activations.size(); k++) {
            h = activations.get(k).apply(layers.get(k).apply(h));
        }
        Tensor out = layers.get(layers.size() - 1).apply(h);
        return config.residual() ? x.add(out) : out;
    }
}
