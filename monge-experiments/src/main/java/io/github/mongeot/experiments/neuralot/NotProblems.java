package io.github.mongeot.experiments.neuralot;

import io.github.mongeot.core.gaussian.BuresMap;
import io.github.mongeot.core.gaussian.Gaussian;
import java.util.Random;

/**
 * The samplers of the neural-OT experiments (spec neural-ot.md, the reference code's toys): whitened
 * Swiss roll and 8 Gaussians in 2-D, a whitened 1-D mixture of three Gaussians, and the report's
 * mixture of uniform circles. "Whitened" is the reference code's scaler: x ↦ Σ^{-1/2}(x − m) with
 * m, Σ estimated once from {@value #WHITENING_SAMPLES} draws of a fixed seed, i.e. the Bures map from
 * that empirical Gaussian to N(0, I).
 */
final class NotProblems {
    static final int WHITENING_SAMPLES = 100_000;
    private static final long WHITENING_SEED = 0x3417L;

    private NotProblems() {
    }

    /** A sampler of n points from a seeded generator. */
    interface Sampler {
        double[][] sample(int n, Random rng);
    }

    /** sklearn's make_swiss_roll (noise 0.8), coordinates (0, 2) over 7.5: t = 1.5π(1 + 2u), (t cos t, t sin t). */
    static double[][] swissRollRaw(int n, Random rng) {
        double[][] out = new double[n][2];
        for (double[] p : out) {
            double t = 1.5 * Math.PI * (1 + 2 * rng.nextDouble());
            p[0] = (t * Math.cos(t) + 0.8 * rng.nextGaussian()) / 7.5;
            p[1] = (t * Math.sin(t) + 0.8 * rng.nextGaussian()) / 7.5;
        }
        return out;
    }

    /** Equal mixture of N(c, I) over the 8 centres 12·{(±1, 0), (0, ±1), (±1/√2, ±1/√2)}. */
    static double[][] eightGaussiansRaw(int n, Random rng) {
        double s = 1 / Math.sqrt(2);
        double[][] centres = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {s, s}, {s, -s}, {-s, s}, {-s, -s}};
        double[][] out = new double[n][2];
        for (double[] p : out) {
            double[] c = centres[rng.nextInt(8)];
            p[0] = 12 * c[0] + rng.nextGaussian();
            p[1] = 12 * c[1] + rng.nextGaussian();
        }
        return out;
    }

    /** Equal mixture of N(−9, 1), N(0, 1), N(9, 1) in 1-D. */
    static double[][] threeGaussiansRaw(int n, Random rng) {
        double[][] out = new double[n][1];
        for (double[] p : out) {
            p[0] = 9 * (rng.nextInt(3) - 1) + rng.nextGaussian();
        }
        return out;
    }

    /** The raw sampler whitened by its own mean and covariance (estimated once from a fixed seed). */
    static Sampler whitened(Sampler raw, int dim) {
        double[][] big = raw.sample(WHITENING_SAMPLES, new Random(WHITENING_SEED));
        BuresMap whiten = BuresMap.between(Gaussian.fromSamples(big), Gaussian.standard(dim));
        return (n, rng) -> whiten.apply(raw.sample(n, rng));
    }

    static Sampler standardNormal(int dim) {
        return (n, rng) -> Gaussian.standard(dim).sample(n, rng);
    }

    /**
     * The report's target: an equal mixture of uniform distributions on circles of radius r around
     * the given centres.
     */
    static double[][] circles(int n, Random rng, double[][] centres, double radius) {
        double[][] out = new double[n][2];
        for (double[] p : out) {
            double[] c = centres[rng.nextInt(centres.length)];
            double a = 2 * Math.PI * rng.nextDouble();
            p[0] = c[0] + radius * Math.cos(a);
            p[1] = c[1] + radius * Math.sin(a);
        }
        return out;
    }
}
