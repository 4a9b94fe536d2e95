package io.github.mongeot.nn.net;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * The CNN potential of {@link ConvPotentialConfig}. Parameters: "conv.k.weight/bias" (k = 0..2,
 * U(±1/√fan_in), PyTorch's Conv2d default) and "head.weight/bias" (Xavier uniform, zero bias).
 */
public final class ConvPotential extends MapNetwork {
    private final ConvPotentialConfig config;
    private final List<Conv2d> convs = new ArrayList<>();
    private final Dense head;

    public ConvPotential(ConvPotentialConfig config, long seed) {
        this(config, seed, CPU);
    }

    public ConvPotential(ConvPotentialConfig config, long seed, String device) {
        super(config.dtype(), device, config.inputDim(), 1, 0, false);
        this.config = config;
        Initializers init = new Initializers(seed);
        int c = config.channels();
        int[] widths = {1, c, 2 * c, 4 * c};
        int h = config.height();
        int w = config.width();
        for (int k = 0; k < 3; k++) {
            convs.add(Conv2d.create(this, "conv." + k, widths[k], widths[k + 1], 3, 2, false, init));
            h = Conv2d.outputSide(h, 3, 2);
            w = Conv2d.outputSide(w, 3, 2);
        }
        head = dense("head", 4 * c * h * w, 1, init);
    }

    @Override
    public ConvPotentialConfig config() {
        return config;
    }

    @Override
    protected Tensor body(Tensor input) {
        long n = input.size(0);
        Tensor h = input.reshape(n, 1, config.height(), config.width());
        for (Conv2d conv : convs) {
            h = config.activation().apply(conv.apply(h));
        }
        return head.apply(h.reshape(n, -1));
    }
}
