package io.github.mongeot.methods.gradnet;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.gaussian.Gaussian;
import io.github.mongeot.core.gaussian.SpdMatrices;
import io.github.mongeot.core.gaussian.SymmetricEigen;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A Gaussian mixture Σ_k w_k N(m_k, Σ_k) with positive-definite covariances (a single Gaussian is
 * the case K = 1): log p(x) = logsumexp_k(log w_k − ½‖Σ_k^{-1/2}(x − m_k)‖² − ½ log det Σ_k) − (d/2) log 2π.
 */
public final class GaussianMixtureDensity implements Density {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] weights;
    private final double[][] means;
    private final double[][][] sqrt;
    private final double[][][] inverseSqrt;
    private final double[] logNormaliser;
    private final int dim;

    /** Validates (weights ≥ 0 summing to 1 within 1e-6, then renormalised; covariances PD) and copies. */
    public GaussianMixtureDensity(double[] weights, List<Gaussian> components) {
        int k = components.size();
        if (k == 0) {
            throw new InvalidInputException("Gaussian mixture: no components");
        }
        if (weights.length != k) {
            throw new InvalidInputException("Gaussian mixture: " + weights.length + " weights for " + k + " components");
        }
        double total = 0;
        for (int i = 0; i < k; i++) {
            if (!(weights[i] > 0) || !Double.isFinite(weights[i])) {
                throw new InvalidInputException("Gaussian mixture: weight " + (i + 1) + " is " + weights[i] + " (must be > 0)");
            }
            total += weights[i];
        }
        if (Math.abs(total - 1) > 1e-6) {
            throw new InvalidInputException("Gaussian mixture: weights sum to " + total + ", not 1");
        }
        this.dim = components.get(0).dim();
        this.weights = new double[k];
        this.means = new double[k][];
        this.sqrt = new double[k][][];
        this.inverseSqrt = new double[k][][];
        this.logNormaliser = new double[k];
        for (int i = 0; i < k; i++) {
            Gaussian g = components.get(i);
            if (g.dim() != dim) {
                throw new InvalidInputException("Gaussian mixture: component " + (i + 1) + " has dimension " + g.dim() + ", the first " + dim);
            }
            String name = "Gaussian mixture covariance " + (i + 1);
            SymmetricEigen eigen = SpdMatrices.requirePd(name, g.covariance());
            double logDet = 0;
            for (double v : eigen.values()) {
                logDet += Math.log(v);
            }
            this.weights[i] = weights[i] / total;
            this.means[i] = g.mean();
            this.sqrt[i] = g.covarianceSqrt();
            this.inverseSqrt[i] = SpdMatrices.inverseSqrt(name, g.covariance());
            this.logNormaliser[i] = Math.log(this.weights[i]) - 0.5 * logDet - 0.5 * dim * LOG_2PI;
        }
    }

    /** The single Gaussian N(m, Σ) (Σ positive definite). */
    public static GaussianMixtureDensity gaussian(Gaussian g) {
        return new GaussianMixtureDensity(new double[] {1.0}, List.of(g));
    }

    @Override
    public int dim() {
        return dim;
    }

    public int components() {
        return weights.length;
    }

    @Override
    public Tensor logDensity(Tensor x) {
        DType dtype = dtypeOf(x);
        int k = weights.length;
        Tensor diff = x.unsqueeze(0).sub(Tensors.fromFlat(flatten(means), new long[] {k, 1, dim}, dtype)); // K × n × d
        Tensor white = diff.matmul(Tensors.fromFlat(flatten(inverseSqrt), new long[] {k, dim, dim}, dtype)); // Σ^{-1/2} symmetric
        Tensor quad = Ops.sumLast(white.square()); // K × n
        Tensor logTerms = Tensors.fromFlat(logNormaliser, new long[] {k, 1}, dtype).sub(quad.mul(Tensors.scalar(0.5)));
        return k == 1 ? logTerms.squeeze(0) : Ops.logsumexp(logTerms, 0);
    }

    @Override
    public Tensor sample(int n, DType dtype) {
        Tensor z = torch.randn(new long[] {n, dim}, Tensors.options(dtype));
        if (weights.length == 1) {
            return z.matmul(Tensors.fromFlat(flatten(sqrt), new long[] {dim, dim}, dtype)).add(Tensors.fromVector(means[0], dtype));
        }
        int k = weights.length;
        Tensor index = torch.multinomial(Tensors.fromVector(weights, DType.FLOAT64), n, true, new GeneratorOptional());
        Tensor roots = Tensors.fromFlat(flatten(sqrt), new long[] {k, dim, dim}, dtype).index_select(0, index); // n × d × d
        Tensor centres = Tensors.fromFlat(flatten(means), new long[] {k, dim}, dtype).index_select(0, index);
        return roots.matmul(z.unsqueeze(2)).squeeze(2).add(centres);
    }

    @Override
    public double[][] sample(int n, Random random) {
        double[][] out = new double[n][dim];
        double[] z = new double[dim];
        for (int i = 0; i < n; i++) {
            int c = pick(random.nextDouble());
            for (int a = 0; a < dim; a++) {
                z[a] = random.nextGaussian();
            }
            for (int a = 0; a < dim; a++) {
                double s = means[c][a];
                for (int b = 0; b < dim; b++) {
                    s += sqrt[c][a][b] * z[b];
                }
                out[i][a] = s;
            }
        }
        return out;
    }

    private int pick(double u) {
        double cumulative = 0;
        for (int c = 0; c < weights.length - 1; c++) {
            cumulative += weights[c];
            if (u < cumulative) {
                return c;
            }
        }
        return weights.length - 1;
    }

    /** The precision of a floating-point tensor. */
    static DType dtypeOf(Tensor x) {
        return x.scalar_type().value == DType.FLOAT64.scalarType().value ? DType.FLOAT64 : DType.FLOAT32;
    }

    static double[] flatten(double[][] rows) {
        int d = rows[0].length;
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return flat;
    }

    private static double[] flatten(double[][][] blocks) {
        int size = blocks[0].length * blocks[0][0].length;
        double[] flat = new double[blocks.length * size];
        for (int i = 0; i < blocks.length; i++) {
            System.arraycopy(flatten(blocks[i]), 0, flat, i * size, size);
        }
        return flat;
    }
}
