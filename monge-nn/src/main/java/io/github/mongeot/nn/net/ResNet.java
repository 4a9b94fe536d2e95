package io.github.mongeot.nn.net;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * Residual network (see {@link ResNetConfig}); parameters "input.*", "blocks.k.first.*",
 * "blocks.k.second.*", "output.*" (Xavier-uniform weights, zero biases) and PReLU slopes under
 * "activations.*".
 */
public final class ResNet extends MapNetwork {
    private final ResNetConfig config;
    private final Dense input;
    private final ActivationSite inputActivation;
    private final List<Dense[]> blocks = new ArrayList<>();
    private final List<ActivationSite[]> blockActivations = new ArrayList<>();
    private final Dense output;

    public ResNet(ResNetConfig config, long seed) {
        this(config, seed, CPU);
    }

    public ResNet(ResNetConfig config, long seed, String device) {
        super(config.dtype(), device, config.inputDim(), config.outputDim(), config.conditionDim(), config.residual());
        this.config = config;
        Initializers init = new Initializers(seed);
        int w = config.width();
        input = dense("input", config.inputDim() + config.conditionDim(), w, init);
        inputActivation = activation("activations.input", config.activation());
        for (int k = 0; k < config.blocks(); k++) {
            blocks.add(new Dense[] {dense("blocks." + k + ".first", w, w, init), dense("blocks." + k + ".second", w, w, init)});
            blockActivations.add(new ActivationSite[] {activation("activations.blocks." + k + ".inner", config.activation()),
                activation("activations.blocks." + k + ".outer", config.activation())});
        }
        output = dense("output", w, config.outputDim(), init);
    }

    @Override
    public ResNetConfig config() {
        return config;
    }

    @Override
    protected Tensor body(Tensor x) {
        Tensor h = inputActivation.apply(input.apply(x));
        for (int k = 0; k < blocks.size(); k++) {
            Dense[] layer = blocks.get(k);
            ActivationSite[] act = blockActivations.get(k);
            h = act[1].apply(h.add(layer[1].apply(act[0].apply(layer[0].apply(h)))));
        }
        return output.apply(h);
    }
}
