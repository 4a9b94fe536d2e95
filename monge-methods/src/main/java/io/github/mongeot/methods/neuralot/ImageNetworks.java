package io.github.mongeot.methods.neuralot;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.nn.net.Activation;
import io.github.mongeot.nn.net.ConvPotentialConfig;
import io.github.mongeot.nn.net.UNetConfig;

/**
 * Image networks for neural OT on height × width grey images given as flat rows (d = height·width):
 * the map T(x, z) is a small U-Net with the noise z as an extra image-sized input channel (so the
 * latent dimension is height·width, or 0 for the deterministic variant) and the potential f is a
 * small CNN — the architecture of the report's image experiment (Appendix C: U-Net, CNN, noise as a
 * channel with σ = 0.1).
 *
 * @param height            image height (a multiple of 4)
 * @param width             image width (a multiple of 4)
 * @param mapChannels       base channels of the U-Net (doubled at each of its two levels)
 * @param potentialChannels base channels of the CNN potential
 * @param noiseEveryLevel   the noise also enters the U-Net's two lower levels, block-averaged
 *                          ({@link UNetConfig}); the latent dimension stays height·width
 */
public record ImageNetworks(int height, int width, int mapChannels, int potentialChannels, boolean noiseEveryLevel) {
    public ImageNetworks {
        if (height < 4 || width < 4 || height % 4 != 0 || width % 4 != 0) {
            throw new InvalidInputException("neural-ot images: height and width must be positive multiples of 4, got " + height + "x" + width);
        }
        if (mapChannels < 1 || potentialChannels < 1) {
            throw new InvalidInputException("neural-ot images: channels must be >= 1, got map " + mapChannels + ", potential "
                    + potentialChannels);
        }
    }

    /** The noise at the U-Net's input level only. */
    public ImageNetworks(int height, int width, int mapChannels, int potentialChannels) {
        this(height, width, mapChannels, potentialChannels, false);
    }

    /** The same networks with the noise also at the U-Net's lower levels (or not). */
    public ImageNetworks withNoiseEveryLevel(boolean value) {
        return new ImageNetworks(height, width, mapChannels, potentialChannels, value);
    }

    /** Parses "HxW" (e.g. "28x28") with the given channel counts. */
    public static ImageNetworks parse(String shape, int mapChannels, int potentialChannels) {
        String[] parts = shape.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new ImageNetworks(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), mapChannels,
                        potentialChannels);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("neural-ot images: expected HxW such as 28x28, got '" + shape + "'");
    }

    /** Pixels per image, the data dimension d. */
    public int pixels() {
        return height * width;
    }

    UNetConfig map(boolean noiseChannel, DType dtype) {
        return new UNetConfig(height, width, mapChannels, noiseChannel, noiseChannel && noiseEveryLevel, Activation.RELU, dtype);
    }

    ConvPotentialConfig potential(DType dtype) {
        return new ConvPotentialConfig(height, width, potentialChannels, Activation.LEAKY_RELU, dtype);
    }
}
