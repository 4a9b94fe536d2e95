package io.github.mongeot.methods.dpot;

import io.github.mongeot.core.data.PointCloud;
import java.util.SplittableRandom;

/** Batch and condition draws for DPOT (seeded, reproducible). */
final class Sampling {
    private Sampling() {
    }

    /** {@code k} distinct indices of 0..n−1 in random order (all of them, shuffled, when k ≥ n). */
    static int[] withoutReplacement(SplittableRandom random, int n, int k) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        int take = Math.min(k, n);
        for (int i = 0; i < take; i++) { // partial Fisher–Yates
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, take);
    }

    /**
     * A batch of min(size, n) rows: distinct rows when the cloud has uniform weights, else drawn
     * with replacement in proportion to the weights.
     */
    static double[][] batch(SplittableRandom random, double[][] points, PointCloud cloud, int size) {
        int n = points.length;
        if (uniform(cloud)) {
            int[] rows = withoutReplacement(random, n, size);
            double[][] out = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = points[rows[i]];
            }
            return out;
        }
        double[] cumulative = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += cloud.weight(i);
            cumulative[i] = total;
        }
        double[][] out = new double[Math.min(size, n)][];
        for (int i = 0; i < out.length; i++) {
            int k = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * total);
            k = k >= 0 ? k : Math.min(n - 1, -k - 1);
            out[i] = points[k];
        }
        return out;
    }

    private static boolean uniform(PointCloud cloud) {
        double w0 = cloud.weight(0);
        for (int i = 1; i < cloud.size(); i++) {
            if (Math.abs(cloud.weight(i) - w0) > 1e-12 * w0) {
                return false;
            }
        }
        return true;
    }
}
