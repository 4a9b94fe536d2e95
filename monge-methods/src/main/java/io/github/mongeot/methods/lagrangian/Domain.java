package io.github.mongeot.methods.lagrangian;

import io.github.mongeot.core.data.InvalidInputException;

/** The axis-aligned box [lower, upper] in which the c-transform searches (the problem's domain). */
public record Domain(double[] lower, double[] upper) {
    public Domain {
        if (lower.length != upper.length || lower.length == 0) {
            throw new InvalidInputException("domain bounds need equal, non-zero lengths, got " + lower.length + " and " + upper.length);
        }
        for (int i = 0; i < lower.length; i++) {
            if (!(lower[i] < upper[i])) {
                throw new InvalidInputException("domain: lower bound " + lower[i] + " is not below upper bound " + upper[i]
                        + " in coordinate " + i);
            }
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    /** [−h, h]^d. */
    public static Domain cube(int d, double halfWidth) {
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, -halfWidth);
        java.util.Arrays.fill(hi, halfWidth);
        return new Domain(lo, hi);
    }

    /** The bounding box of the clouds, widened by {@code margin} times its size on every side. */
    public static Domain around(double margin, double[][]... clouds) {
        int d = clouds[0][0].length;
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[][] cloud : clouds) {
            for (double[] p : cloud) {
                for (int k = 0; k < d; k++) {
                    lo[k] = Math.min(lo[k], p[k]);
                    hi[k] = Math.max(hi[k], p[k]);
                }
            }
        }
        for (int k = 0; k < d; k++) {
            double pad = Math.max(1e-6, margin * (hi[k] - lo[k]));
            lo[k] -= pad;
            hi[k] += pad;
        }
        return new Domain(lo, hi);
    }

    public int dim() {
        return lower.length;
    }

    /** Largest |bound|: the scale at which the networks see their inputs. */
    public double scale() {
        double s = 0;
        for (int i = 0; i < lower.length; i++) {
            s = Math.max(s, Math.max(Math.abs(lower[i]), Math.abs(upper[i])));
        }
        return s;
    }

    /**
     * The side^d nodes of a regular grid over the box, both bounds included (side ≥ 2), in row-major
     * order: the first coordinate varies slowest.
     */
    public double[][] gridNodes(int side) {
        if (side < 2) {
            throw new InvalidInputException("grid side must be >= 2, got " + side);
        }
        int d = dim();
        double[][] nodes = new double[(int) Math.pow(side, d)][d];
        for (int n = 0; n < nodes.length; n++) {
            int rest = n;
            for (int k = d - 1; k >= 0; k--) {
                nodes[n][k] = lower[k] + (upper[k] - lower[k]) * (rest % side) / (side - 1);
                rest /= side;
            }
        }
        return nodes;
    }

    /** Bounds repeated for n points (flattened row-major), for L-BFGS. */
    double[][] repeated(int n) {
        int d = dim();
        double[] lo = new double[n * d];
        double[] hi = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(lower, 0, lo, i * d, d);
            System.arraycopy(upper, 0, hi, i * d, d);
        }
        return new double[][] {lo, hi};
    }
}
