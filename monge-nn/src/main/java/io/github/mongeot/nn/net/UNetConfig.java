package io.github.mongeot.nn.net;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;

/**
 * A small U-Net (Ronneberger, Fischer &amp; Brox 2015) on height × width grey images given as flat
 * rows (row-major, inputDim = outputDim = height·width): two down-sampling levels with
 * {@code channels}, 2·channels and 4·channels feature maps (two 3 × 3 convolutions each, 2 × 2
 * average pooling down, 2 × 2 transposed convolutions up, skip connections by concatenation) and
 * a 1 × 1 output convolution to one channel. With {@code noiseChannel} the condition is one more
 * image-sized input channel (conditionDim = height·width), the way neural OT feeds its latent
 * noise z to the map T(x, z). With {@code noiseEveryLevel} (needs the noise channel) the same noise
 * image also enters the two lower levels, 2 × 2 and 4 × 4 block-averaged and rescaled by 2 and 4 so
 * that i.i.d. pixel noise keeps its standard deviation, through a 1 × 1 convolution added to the
 * pooled features (channel counts unchanged; noise injection as in StyleGAN, Karras et al. 2019):
 * no more latent dimensions, and coarse noise a small network can turn into global variation.
 * Height and width must be multiples of 4.
 */
public record UNetConfig(int height, int width, int channels, boolean noiseChannel, boolean noiseEveryLevel, Activation activation,
        DType dtype) implements NetworkConfig {
    public static final String TYPE = "unet";

    public UNetConfig {
        Checks.positive(height, "unet height");
        Checks.positive(width, "unet width");
        Checks.positive(channels, "unet channels");
        Checks.notNull(activation, "unet activation");
        Checks.notNull(dtype, "unet dtype");
        if (height % 4 != 0 || width % 4 != 0) {
            throw new InvalidInputException("unet height and width must be multiples of 4 (two 2x2 down-samplings), got "
                    + height + " x " + width);
        }
        if (noiseEveryLevel && !noiseChannel) {
            throw new InvalidInputException("unet: noise at every level needs the noise channel");
        }
        if (activation == Activation.PRELU) {
            throw new InvalidInputException("unet activation: prelu is not supported, use a fixed activation");
        }
    }

    /** The noise (if any) at the input level only. */
    public UNetConfig(int height, int width, int channels, boolean noiseChannel, Activation activation, DType dtype) {
        this(height, width, channels, noiseChannel, false, activation, dtype);
    }

    /** A float32 ReLU U-Net, with or without the noise channel. */
    public static UNetConfig of(int height, int width, int channels, boolean noiseChannel) {
        return new UNetConfig(height, width, channels, noiseChannel, Activation.RELU, DType.FLOAT32);
    }

    public UNetConfig withDtype(DType value) {
        return new UNetConfig(height, width, channels, noiseChannel, noiseEveryLevel, activation, value);
    }

    /** The same U-Net with the noise also at the two lower levels (or not). */
    public UNetConfig withNoiseEveryLevel(boolean value) {
        return new UNetConfig(height, width, channels, noiseChannel, value, activation, dtype);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int inputDim() {
        return height * width;
    }

    @Override
    public int outputDim() {
        return height * width;
    }

    /** height·width with the noise channel, else 0. */
    public int conditionDim() {
        return noiseChannel ? height * width : 0;
    }

    @Override
    public UNet build(long seed) {
        return build(seed, Network.CPU);
    }

    @Override
    public UNet build(long seed, String device) {
        return new UNet(this, seed, device);
    }
}
