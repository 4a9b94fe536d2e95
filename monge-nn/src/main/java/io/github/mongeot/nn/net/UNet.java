package io.github.mongeot.nn.net;

import io.github.mongeot.core.engine.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The small U-Net of {@link UNetConfig}. Parameters (PyTorch names): "enc.k.weight/bias" (encoder
 * and bottleneck 3 × 3 convolutions, k = 0..5), "up.l.weight/bias" (transposed convolutions),
 * "dec.k.weight/bias" (decoder 3 × 3 convolutions), "out.weight/bias" (1 × 1) and, with the noise at
 * every level, "noise.l.weight/bias" (1 × 1 convolutions of the block-averaged noise). Convolution
 * weights and biases start U(±1/√fan_in), PyTorch's default for Conv2d.
 */
public final class UNet extends MapNetwork {
    private final UNetConfig config;
    private final List<Conv2d> encoder = new ArrayList<>();
    private final List<Conv2d> up = new ArrayList<>();
    private final List<Conv2d> decoder = new ArrayList<>();
    private final Conv2d out;
    private final List<Conv2d> noise = new ArrayList<>();

    public UNet(UNetConfig config, long seed) {
        this(config, seed, CPU);
    }

    public UNet(UNetConfig config, long seed, String device) {
        super(config.dtype(), device, config.inputDim(), config.outputDim(), config.conditionDim(), false);
        this.config = config;
        Initializers init = new Initializers(seed);
        int c = config.channels();
        int in = config.noiseChannel() ? 2 : 1;
        int[][] enc = {{in, c}, {c, c}, {c, 2 * c}, {2 * c, 2 * c}, {2 * c, 4 * c}, {4 * c, 4 * c}};
        for (int k = 0; k < enc.length; k++) {
            encoder.add(conv("enc." + k, enc[k][0], enc[k][1], 3, init, false));
        }
        up.add(conv("up.0", 4 * c, 2 * c, 2, init, true));
        up.add(conv("up.1", 2 * c, c, 2, init, true));
        int[][] dec = {{4 * c, 2 * c}, {2 * c, 2 * c}, {2 * c, c}, {c, c}};
        for (int k = 0; k < dec.length; k++) {
            decoder.add(conv("dec." + k, dec[k][0], dec[k][1], 3, init, false));
        }
        out = conv("out", c, 1, 1, init, false);
        if (config.noiseEveryLevel()) {
            noise.add(conv("noise.0", 1, c, 1, init, false));
            noise.add(conv("noise.1", 1, 2 * c, 1, init, false));
        }
    }

    private Conv2d conv(String prefix, int in, int outChannels, int kernel, Initializers init, boolean transposed) {
        return Conv2d.create(this, prefix, in, outChannels, kernel, 1, transposed, init);
    }

    @Override
    public UNetConfig config() {
        return config;
    }

    @Override
    protected Tensor body(Tensor input) {
        long n = input.size(0);
        int h = config.height();
        int w = config.width();
        // [x | z] rows → n × channels × h × w (the condition, if any, is the second channel)
        Tensor x = input.reshape(n, config.noiseChannel() ? 2 : 1, h, w);
        Tensor s1 = block(encoder.get(0), encoder.get(1), x);
        Tensor down1 = halve(s1);
        if (config.noiseEveryLevel()) {
            // i.i.d. noise averaged over 2 × 2 (4 × 4) blocks has 1/2 (1/4) of its std: rescale, then
            // add a learned per-channel multiple of it to the pooled features (1 × 1 convolutions)
            Tensor z2 = halve(x.narrow(1, 1, 1));
            down1 = down1.add(noise.get(0).apply(z2.mul(Tensors.scalar(2.0))));
            Tensor s2 = block(encoder.get(2), encoder.get(3), down1);
            Tensor down2 = halve(s2).add(noise.get(1).apply(halve(z2).mul(Tensors.scalar(4.0))));
            return decode(s1, s2, block(encoder.get(4), encoder.get(5), down2), n, h, w);
        }
        Tensor s2 = block(encoder.get(2), encoder.get(3), down1);
        Tensor bottom = block(encoder.get(4), encoder.get(5), halve(s2));
        return decode(s1, s2, bottom, n, h, w);
    }

    private Tensor decode(Tensor s1, Tensor s2, Tensor bottom, long n, int h, int w) {
        Tensor u2 = block(decoder.get(0), decoder.get(1), torch.cat(new TensorVector(up.get(0).apply(bottom), s2), 1));
        Tensor u1 = block(decoder.get(2), decoder.get(3), torch.cat(new TensorVector(up.get(1).apply(u2), s1), 1));
        return out.apply(u1).reshape(n, (long) h * w);
    }

    /**
     * 2 × 2 average pooling as a reshape and a mean (libtorch's float32 avg_pool2d backward returned
     * NaN gradients on 128 × 8 × 28 × 28 batches on this CPU).
     */
    private static Tensor halve(Tensor x) {
        long n = x.size(0);
        long c = x.size(1);
        long h = x.size(2);
        long w = x.size(3);
        return x.reshape(n, c, h / 2, 2, w / 2, 2).mean(new long[] {3, 5});
    }

    private Tensor block(Conv2d first, Conv2d second, Tensor x) {
        Activation a = config.activation();
        return a.apply(second.apply(a.apply(first.apply(x))));
    }
}
