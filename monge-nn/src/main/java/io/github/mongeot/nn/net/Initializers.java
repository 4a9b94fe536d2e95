package io.github.mongeot.nn.net;

import java.util.SplittableRandom;

/**
 * Initial parameter values drawn in Java from a seeded generator, so a network's initial weights
 * depend only on its config and seed (not on libtorch's global generator or the device).
 */
final class Initializers {
    private final SplittableRandom random;

    Initializers(long seed) {
        this.random = new SplittableRandom(seed);
    }

    double[] uniform(int count, double low, double high) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = low + (high - low) * random.nextDouble();
        }
        return v;
    }

    double[] normal(int count, double std) {
        double[] v = new double[count];
        for (int i = 0; i < count; i += 2) {
            // Box-Muller: two normals per pair of uniforms
            double u = 1.0 - random.nextDouble();
            double w = random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u));
            v[i] = std * r * Math.cos(2 * Math.PI * w);
            if (i + 1 < count) {
                v[i + 1] = std * r * Math.sin(2 * Math.PI * w);
            }
        }
        return v;
    }

    /** Xavier/Glorot uniform for an out × in weight: U(±sqrt(6 / (in + out))). */
    double[] xavier(int out, int in) {
        double bound = Math.sqrt(6.0 / (in + out));
        return uniform(out * in, -bound, bound);
    }

    static double[] constant(int count, double value) {
        double[] v = new double[count];
        java.util.Arrays.fill(v, value);
        return v;
    }

    /** softplus⁻¹(y) = log(expm1(y)), for y > 0: raw values whose softplus is y. */
    static double inverseSoftplus(double y) {
        return y > 30 ? y : Math.log(Math.expm1(y));
    }
}
