package io.github.mongeot.methods.gradnet;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * An image as a density on [0, 1]² (GradNetOT, eq. 9): pixel (row, col) of an h × w image sits at
 * (col/(w − 1), (h − 1 − row)/(h − 1)) with weight intensity/total; weights ≤ {@link #MIN_WEIGHT}
 * are dropped (the rest renormalised) and each pixel becomes an isotropic Gaussian N(pixel, bw·I):
 * a kernel density estimate whose bandwidth bw can be annealed during training
 * ({@link #withBandwidth}).
 */
public final class ImageDensity implements Density {
    /** Pixel weights at or below this are dropped (as in the paper's reference setting). */
    public static final double MIN_WEIGHT = 1e-3;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[][] pixels;
    private final double[] weights;
    private final double[] logWeights;
    private final double bandwidth;

    private ImageDensity(double[][] pixels, double[] weights, double bandwidth) {
        if (!(bandwidth > 0) || !Double.isFinite(bandwidth)) {
            throw new InvalidInputException("image density: bandwidth must be > 0, got " + bandwidth);
        }
        this.pixels = pixels;
        this.weights = weights;
        this.logWeights = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            logWeights[i] = Math.log(weights[i]);
        }
        this.bandwidth = bandwidth;
    }

    /**
     * The density of an image given as rows of non-negative intensities (any scale); {@code source}
     * names the input in messages.
     */
    public static ImageDensity of(double[][] image, double bandwidth, String source) {
        int h = image.length;
        if (h < 2 || image[0].length < 2) {
            throw new InvalidInputException(source + ": an image needs at least 2 × 2 pixels, got " + h + " rows");
        }
        int w = image[0].length;
        double total = 0;
        for (int r = 0; r < h; r++) {
            if (image[r].length != w) {
                throw new InvalidInputException(source + ": row " + (r + 1) + " has " + image[r].length + " pixels, row 1 has " + w);
            }
            for (int c = 0; c < w; c++) {
                double v = image[r][c];
                if (!(v >= 0) || !Double.isFinite(v)) {
                    throw new InvalidInputException(source + ": pixel (" + (r + 1) + ", " + (c + 1) + ") is " + v + " (intensities must be finite and >= 0)");
                }
                total += v;
            }
        }
        if (!(total > 0)) {
            throw new InvalidInputException(source + ": the image is blank (all intensities are 0)");
        }
        List<double[]> kept = new ArrayList<>();
        List<Double> mass = new ArrayList<>();
        double keptTotal = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double weight = image[r][c] / total;
                if (weight > MIN_WEIGHT) {
                    kept.add(new double[] {c / (double) (w - 1), (h - 1 - r) / (double) (h - 1)});
                    mass.add(weight);
                    keptTotal += weight;
                }
            }
        }
        if (kept.isEmpty()) {
            throw new InvalidInputException(source + ": no pixel carries more than " + MIN_WEIGHT + " of the total intensity");
        }
        double[] weights = new double[mass.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = mass.get(i) / keptTotal;
        }
        return new ImageDensity(kept.toArray(new double[0][]), weights, bandwidth);
    }

    /** The same pixels with another bandwidth (variance of each kernel). */
    public ImageDensity withBandwidth(double value) {
        return new ImageDensity(pixels, weights, value);
    }

    public double bandwidth() {
        return bandwidth;
    }

    /** The kept pixel locations in [0, 1]² (copies). */
    public double[][] pixels() {
        double[][] out = new double[pixels.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = pixels[i].clone();
        }
        return out;
    }

    public double[] weights() {
        return weights.clone();
    }

    @Override
    public int dim() {
        return 2;
    }

    @Override
    public Tensor logDensity(Tensor x) {
        DType dtype = GaussianMixtureDensity.dtypeOf(x);
        Tensor centres = Tensors.fromRows(pixels, dtype);
        Tensor sq = Ops.sumLast(Ops.pairwiseDifferences(x, centres).square()); // n × K, exact (no ‖x‖² + ‖y‖² − 2⟨x, y⟩ cancellation)
        Tensor terms = Tensors.fromVector(logWeights, dtype).sub(sq.mul(Tensors.scalar(0.5 / bandwidth)));
        return Ops.logsumexp(terms, 1).sub(Tensors.scalar(Math.log(2 * Math.PI * bandwidth)));
    }

    @Override
    public Tensor sample(int n, DType dtype) {
        Tensor index = torch.multinomial(Tensors.fromVector(weights, DType.FLOAT64), n, true, new GeneratorOptional());
        Tensor noise = torch.randn(new long[] {n, 2}, Tensors.options(dtype)).mul(Tensors.scalar(Math.sqrt(bandwidth)));
        return Tensors.fromRows(pixels, dtype).index_select(0, index).add(noise);
    }

    @Override
    public double[][] sample(int n, Random random) {
        double[][] out = new double[n][2];
        double sd = Math.sqrt(bandwidth);
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int c = 0;
            double cumulative = weights[0];
            while (u >= cumulative && c < weights.length - 1) {
                c++;
                cumulative += weights[c];
            }
            out[i][0] = pixels[c][0] + sd * random.nextGaussian();
            out[i][1] = pixels[c][1] + sd * random.nextGaussian();
        }
        return out;
    }
}
