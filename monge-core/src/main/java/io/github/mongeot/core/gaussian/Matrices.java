package io.github.mongeot.core.gaussian;

/** Small dense matrix helpers on {@code double[][]} (row-major, plain Java, float64). */
public final class Matrices {
    private Matrices() {
    }

    public static double[][] identity(int d) {
        double[][] eye = new double[d][d];
        for (int i = 0; i < d; i++) {
            eye[i][i] = 1;
        }
        return eye;
    }

    /** {@code a · b}. */
    public static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int inner = b.length;
        int m = b[0].length;
        if (a[0].length != inner) {
            throw new IllegalArgumentException("cannot multiply " + n + "×" + a[0].length + " by " + inner + "×" + m);
        }
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            double[] row = out[i];
            for (int k = 0; k < inner; k++) {
                double aik = a[i][k];
                double[] bk = b[k];
                for (int j = 0; j < m; j++) {
                    row[j] += aik * bk[j];
                }
            }
        }
        return out;
    }

    /** {@code a · x}. */
    public static double[] multiply(double[][] a, double[] x) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double sum = 0;
            for (int k = 0; k < x.length; k++) {
                sum += a[i][k] * x[k];
            }
            out[i] = sum;
        }
        return out;
    }

    public static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }

    public static double trace(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i][i];
        }
        return sum;
    }

    /** {@code (a + aᵀ) / 2}: removes the asymmetry rounding leaves in products of symmetric matrices. */
    public static double[][] symmetrize(double[][] a) {
        int d = a.length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = 0.5 * (a[i][j] + a[j][i]);
            }
        }
        return out;
    }

    /** Largest absolute entry of {@code a − b}. */
    public static double maxAbsDifference(double[][] a, double[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    /** Largest absolute entry. */
    public static double maxAbs(double[][] a) {
        double max = 0;
        for (double[] row : a) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
