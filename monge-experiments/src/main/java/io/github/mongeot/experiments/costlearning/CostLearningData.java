package io.github.mongeot.experiments.costlearning;

import java.util.Random;

/**
 * The data sets of Howard et al. (2024) as their reference code draws them (coordinates as in
 * methods/cost-learning.md): paired inverse-OT toys (T-shape, moon, spiral), the limited-labelled-pairs
 * synthetic twin of the Live-seq data (Appendix D.1) and the 3-D clouds of the displacement study.
 */
public final class CostLearningData {
    private CostLearningData() {
    }

    /** Paired clouds: source row i is known to map to target row i. */
    public record Paired(double[][] source, double[][] target) {
    }

    /** Named inverse-OT toy with {@code n} pairs. */
    public static Paired toy(String name, int n, Random rng) {
        return switch (name) {
            case "tshape" -> tShape(n, rng);
            case "moon" -> moon(n, rng);
            case "spiral" -> spiral(n, rng);
            default -> throw new IllegalArgumentException("unknown toy data set " + name);
        };
    }

    /** Left block → right block, top block → bottom block: the squared-Euclidean map sends left down. */
    public static Paired tShape(int n, Random rng) {
        int half = n / 2;
        int rest = n - half;
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int i = 0; i < half; i++) {
            double[] left = {2 * uniform(rng, -1.2, -1.0) - 5, 4 * linspace(-0.1, 0.5, half, i) + 3};
            x[i] = left;
            y[i] = new double[] {left[0] + 14.4, left[1]};
        }
        for (int i = 0; i < rest; i++) {
            double[] top = {4 * linspace(-0.3, 0.3, rest, i), 2 * uniform(rng, 0.8, 1.0) + 3};
            x[half + i] = top;
            y[half + i] = new double[] {top[0], top[1] - 10.1};
        }
        return new Paired(x, y);
    }

    /** Two half moons; the source is the target rotated by 180 (radians, as the reference code does). */
    public static Paired moon(int n, Random rng) {
        int half = n / 2;
        int rest = n - half;
        double[][] y = new double[n][];
        for (int i = 0; i < half; i++) {
            double s = linspace(0, Math.PI, half, i);
            y[i] = new double[] {(10 * (Math.cos(s) + 0.5) + 0.5 * rng.nextGaussian()) / 3,
                (10 * (-Math.sin(s) + 0.2) + 0.5 * rng.nextGaussian()) / 3};
        }
        for (int i = 0; i < rest; i++) {
            double s = linspace(0, Math.PI, rest, i);
            y[half + i] = new double[] {(10 * (Math.cos(s) - 0.5) + 0.5 * rng.nextGaussian()) / 3,
                (10 * (Math.sin(s) - 0.2) + 0.5 * rng.nextGaussian()) / 3};
        }
        return new Paired(rotate(y, 180), y);
    }

    /** A noisy spiral; source = the spiral rotated by 180 (radians), target = 0.8 × the spiral. */
    public static Paired spiral(int n, Random rng) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            double theta = 3 * Math.PI * Math.sqrt(rng.nextDouble()) - Math.PI / 2;
            double r = theta + Math.PI;
            p[i] = new double[] {r * Math.cos(theta) + 0.25 * rng.nextGaussian(), r * Math.sin(theta) + 0.25 * rng.nextGaussian()};
        }
        double[][] target = new double[n][];
        for (int i = 0; i < n; i++) {
            target[i] = new double[] {0.8 * p[i][0], 0.8 * p[i][1]};
        }
        return new Paired(rotate(p, 180), target);
    }

    /**
     * A random smooth diffeomorphism of R^d (a residual map u ↦ A(u + ½ tanh(Wu + c) ⊙ s) with
     * ‖W‖ small enough that the residual part is a contraction), for the limited-pairs data.
     */
    public static final class RandomDiffeomorphism {
        private final double[][] a;
        private final double[][] w;
        private final double[] c;
        private final double[] s;
        private final double[] offset;

        public RandomDiffeomorphism(int d, Random rng) {
            a = new double[d][d];
            w = new double[d][d];
            c = new double[d];
            s = new double[d];
            offset = new double[d];
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    a[i][k] = (i == k ? 1.0 : 0.0) + 0.4 * rng.nextGaussian();
                    w[i][k] = 1.6 * rng.nextGaussian() / Math.sqrt(d);
                }
                c[i] = rng.nextGaussian();
                s[i] = 0.5 / (1 + 1.6 * Math.sqrt(d)); // keeps the residual part a contraction
                offset[i] = 2 * rng.nextGaussian();
            }
        }

        public double[] apply(double[] u) {
            int d = u.length;
            double[] inner = new double[d];
            for (int i = 0; i < d; i++) {
                double t = c[i];
                for (int k = 0; k < d; k++) {
                    t += w[i][k] * u[k];
                }
                inner[i] = u[i] + s[i] * 4 * Math.tanh(t);
            }
            double[] out = new double[d];
            for (int i = 0; i < d; i++) {
                double t = offset[i];
                for (int k = 0; k < d; k++) {
                    t += a[i][k] * inner[k];
                }
                out[i] = 3 * t;
            }
            return out;
        }
    }

    /** Limited-pairs data: x = Φ₁(u), y = Φ₂(u) for shared u on the paired rows, independent u elsewhere. */
    public record LimitedPairs(double[][] source, double[][] target, int[][] pairs, double[][] testSource,
            double[][] testTarget) {
    }

    /** n sources and m targets, the first {@code paired} rows of each paired, plus {@code test} fresh pairs. */
    public static LimitedPairs limitedPairs(int d, int n, int m, int paired, int test, Random rng) {
        RandomDiffeomorphism phi1 = new RandomDiffeomorphism(d, rng);
        RandomDiffeomorphism phi2 = new RandomDiffeomorphism(d, rng);
        double[][] x = new double[n][];
        double[][] y = new double[m][];
        int[][] pairs = new int[paired][];
        for (int i = 0; i < Math.max(n, m); i++) {
            double[] u = uniformCube(d, rng);
            if (i < paired) {
                x[i] = phi1.apply(u);
                y[i] = phi2.apply(u);
                pairs[i] = new int[] {i, i};
                continue;
            }
            if (i < n) {
                x[i] = phi1.apply(u);
            }
            if (i < m) {
                y[i] = phi2.apply(uniformCube(d, rng));
            }
        }
        double[][] tx = new double[test][];
        double[][] ty = new double[test][];
        for (int i = 0; i < test; i++) {
            double[] u = uniformCube(d, rng);
            tx[i] = phi1.apply(u);
            ty[i] = phi2.apply(u);
        }
        return new LimitedPairs(x, y, pairs, tx, ty);
    }

    /**
     * 3-D clouds for the displacement study (the paper does not give its own): source N(0, I₃), target
     * N(0, RΛ²Rᵀ) with Λ = diag(2.2, 0.45, 1.6) and R a 30° rotation of the (x1, x2) plane. Same mean, so
     * no common translation hides the structure: the squared-Euclidean map is x ↦ RΛRᵀx with displacement
     * singular values ∝ |Λ − 1| = (1.2, 0.55, 0.6), i.e. σ₃/σ₁ ≈ 0.46, all three directions used. A map
     * with rank-2 displacements exists: along the direction of the (x1, x2) plane where the target's
     * variance is 1 the points can stay put, everything else moves in the orthogonal plane.
     */
    public static Paired displacementClouds(int n, Random rng) {
        double[] scales = {2.2, 0.45, 1.6};
        double c = Math.cos(Math.PI / 6);
        double s = Math.sin(Math.PI / 6);
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            double[] z = {scales[0] * rng.nextGaussian(), scales[1] * rng.nextGaussian(), scales[2] * rng.nextGaussian()};
            y[i] = new double[] {c * z[0] - s * z[1], s * z[0] + c * z[1], z[2]};
        }
        return new Paired(x, y);
    }

    static double[][] rotate(double[][] p, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = new double[] {c * p[i][0] - s * p[i][1], s * p[i][0] + c * p[i][1]};
        }
        return out;
    }

    /** CPU time of the calling thread (libtorch runs single-threaded work on it), in nanoseconds. */
    static long threadCpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double[] uniformCube(int d, Random rng) {
        double[] u = new double[d];
        for (int k = 0; k < d; k++) {
            u[k] = rng.nextDouble();
        }
        return u;
    }

    private static double uniform(Random rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    private static double linspace(double lo, double hi, int count, int i) {
        return count == 1 ? lo : lo + (hi - lo) * i / (count - 1);
    }
}
