package io.github.mongeot.experiments.dpot;

import io.github.mongeot.core.gaussian.BuresMap;
import io.github.mongeot.core.gaussian.Gaussian;
import java.util.Random;

/** The test problems of the DPOT seed (003) with their ground truths (spec: methods/dpot.md). */
public final class DpotProblems {
    private DpotProblems() {
    }

    // ---- 1. non-uniform density on [−½, ½]² → uniform (Benamou, Froese & Oberman 2014) ----

    private static final double K = 8 * Math.PI;
    private static final double C0 = 1 / (256 * Math.PI * Math.PI * Math.PI) + 1 / (32 * Math.PI);

    /** q(z) = (−z²/(8π) + 1/(256π³) + 1/(32π)) cos(8πz) + z sin(8πz)/(32π²). */
    static double q(double z) {
        return (-z * z / (8 * Math.PI) + C0) * Math.cos(K * z) + z * Math.sin(K * z) / (32 * Math.PI * Math.PI);
    }

    /** q′(z) = (z² − ¼) sin(8πz) (the cos terms cancel), so q′(±½) = 0: the edges map to themselves. */
    static double dq(double z) {
        return (z * z - 0.25) * Math.sin(K * z);
    }

    /** q″(z) = 2z sin(8πz) + 8π(z² − ¼) cos(8πz). */
    static double ddq(double z) {
        return 2 * z * Math.sin(K * z) + K * (z * z - 0.25) * Math.cos(K * z);
    }

    /** The exact map T(x) = (x₁ + 4q′(x₁)q(x₂), x₂ + 4q(x₁)q′(x₂)) = ∇(½‖x‖² + 4q(x₁)q(x₂)). */
    public static double[] squareMap(double[] x) {
        return new double[] {x[0] + 4 * dq(x[0]) * q(x[1]), x[1] + 4 * q(x[0]) * dq(x[1])};
    }

    /** det DT(x), the source density f (T pushes f onto the uniform density of the square). */
    public static double squareDensity(double[] x) {
        double q1 = q(x[0]);
        double q2 = q(x[1]);
        double d1 = dq(x[0]);
        double d2 = dq(x[1]);
        double dd1 = ddq(x[0]);
        double dd2 = ddq(x[1]);
        return 1 + 4 * (dd1 * q2 + q1 * dd2) + 16 * (q1 * q2 * dd1 * dd2 - d1 * d1 * d2 * d2);
    }

    /** An upper bound of f on the square (its maximum is about 1.53; checked by the tests). */
    static final double DENSITY_BOUND = 1.6;

    /** n samples of f on [−½, ½]² by rejection from the uniform. */
    public static double[][] squareSource(Random rng, int n) {
        double[][] out = new double[n][];
        int k = 0;
        while (k < n) {
            double[] x = {rng.nextDouble() - 0.5, rng.nextDouble() - 0.5};
            if (rng.nextDouble() * DENSITY_BOUND < squareDensity(x)) {
                out[k++] = x;
            }
        }
        return out;
    }

    /** n uniform samples of [−½, ½]². */
    public static double[][] squareTarget(Random rng, int n) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new double[] {rng.nextDouble() - 0.5, rng.nextDouble() - 0.5};
        }
        return out;
    }

    // ---- 2. ellipse → ellipse (uniform on linear images of the unit disk) ----

    /** n uniform samples of the unit disk. */
    public static double[][] disk(Random rng, int n) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double r = Math.sqrt(rng.nextDouble());
            double t = 2 * Math.PI * rng.nextDouble();
            out[i] = new double[] {r * Math.cos(t), r * Math.sin(t)};
        }
        return out;
    }

    /** Uniform samples of {m + A u : ‖u‖ ≤ 1}. */
    public static double[][] ellipse(Random rng, int n, double[][] a, double[] m) {
        double[][] u = disk(rng, n);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new double[] {m[0] + a[0][0] * u[i][0] + a[0][1] * u[i][1], m[1] + a[1][0] * u[i][0] + a[1][1] * u[i][1]};
        }
        return out;
    }

    /**
     * The OT map between uniform laws on two ellipses: both are affine images of one law, so the
     * Brenier map is the Bures map between their means and covariances (AAᵀ/4 for A·disk).
     */
    public static BuresMap ellipseMap(double[][] aSource, double[] mSource, double[][] aTarget, double[] mTarget) {
        return BuresMap.between(new Gaussian(mSource, quarterGram(aSource)), new Gaussian(mTarget, quarterGram(aTarget)));
    }

    private static double[][] quarterGram(double[][] a) {
        double[][] c = new double[2][2];
        for (int r = 0; r < 2; r++) {
            for (int s = 0; s < 2; s++) {
                c[r][s] = 0.25 * (a[r][0] * a[s][0] + a[r][1] * a[s][1]);
            }
        }
        return c;
    }

    /** The source ellipse of the ellipse problems: axes 1 and ½, centred. */
    public static final double[][] ELLIPSE_SOURCE = {{1.0, 0.0}, {0.0, 0.5}};

    /** The target ellipse with shear η: [[0.8, η], [0, 0.6]]·disk shifted by (0.5, 0.2). */
    public static double[][] ellipseTarget(double eta) {
        return new double[][] {{0.8, eta}, {0.0, 0.6}};
    }

    public static final double[] ELLIPSE_TARGET_MEAN = {0.5, 0.2};

    // ---- 3. two half-disks → disk (Caffarelli) ----

    public static final double HALF_DISK_RADIUS = 0.85;

    /** Uniform on the disk of radius 0.85 with its left half shifted by −η/2 and its right half by +η/2. */
    public static double[][] halfDisks(Random rng, int n, double eta) {
        double[][] out = disk(rng, n);
        for (double[] p : out) {
            p[0] *= HALF_DISK_RADIUS;
            p[1] *= HALF_DISK_RADIUS;
            p[0] += p[0] < 0 ? -eta / 2 : eta / 2;
        }
        return out;
    }

    /** Uniform on the disk of radius 0.85. */
    public static double[][] fullDisk(Random rng, int n) {
        return halfDisks(rng, n, 0);
    }

    /** The discontinuous exact map: close the gap, T(x) = (x₁ ± η/2, x₂). */
    public static double[] halfDiskMap(double[] x, double eta) {
        return new double[] {x[0] < 0 ? x[0] + eta / 2 : x[0] - eta / 2, x[1]};
    }

    // ---- 4. four-corner Gaussian mixture ↔ centred Gaussian ----

    /** Equal mixture of N((±c, ±c), s²I). */
    public static double[][] fourCorners(Random rng, int n, double c, double s) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(4);
            out[i] = new double[] {((k & 1) == 0 ? -c : c) + s * rng.nextGaussian(), ((k & 2) == 0 ? -c : c) + s * rng.nextGaussian()};
        }
        return out;
    }

    /** N(0, s²I) in 2-D. */
    public static double[][] centredGaussian(Random rng, int n, double s) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new double[] {s * rng.nextGaussian(), s * rng.nextGaussian()};
        }
        return out;
    }

    // ---- shared ----

    /** ‖T_θ − T‖_{L²(μ)} / ‖T‖_{L²(μ)} on the sample rows. */
    public static double relativeL2(double[][] mapped, double[][] truth) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < mapped.length; i++) {
            for (int k = 0; k < mapped[i].length; k++) {
                double e = mapped[i][k] - truth[i][k];
                num += e * e;
                den += truth[i][k] * truth[i][k];
            }
        }
        return Math.sqrt(num / den);
    }
}
