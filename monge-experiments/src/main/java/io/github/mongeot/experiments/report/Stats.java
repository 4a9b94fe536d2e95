package io.github.mongeot.experiments.report;

import java.util.Arrays;

/** Summaries of repeated measurements (seeds, sample draws) as the reports state them. */
public final class Stats {
    private Stats() {
    }

    /** The arithmetic mean; NaN for no values. */
    public static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n − 1); 0 for a single value. */
    public static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }
}
