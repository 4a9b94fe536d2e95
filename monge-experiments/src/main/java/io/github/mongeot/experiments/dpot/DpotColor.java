package io.github.mongeot.experiments.dpot;

import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.metrics.Metrics;
import io.github.mongeot.experiments.Experiment;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.report.Report;
import io.github.mongeot.methods.dpot.DpotModel;
import io.github.mongeot.methods.dpot.DpotOptions;
import io.github.mongeot.methods.dpot.DpotProblem;
import io.github.mongeot.methods.w2gn.W2gnEstimator;
import io.github.mongeot.methods.w2gn.W2gnModel;
import io.github.mongeot.methods.w2gn.W2gnOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Colour transfer (the seed's Section 4.5): the pixels of two generated images as point clouds in
 * RGB space; DPOT's forward map recolours the first image with the second's palette and its
 * inverse goes back. The W2GN ICNN pair (Korotin et al. 2021) is the baseline, compared on the
 * transport cost E‖T(x) − x‖² and on W₂ of the recoloured pixels to the target palette.
 */
public final class DpotColor implements Experiment {
    @Override
    public String name() {
        return "dpot-color";
    }

    @Override
    public String description() {
        return "DPOT colour transfer between two generated images (forward and inverse), vs the W2GN ICNN baseline.";
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        boolean quick = context.quick();
        int side = quick ? 32 : 64;
        Random rng = new Random(context.seed());
        double[][] a = sunset(side, rng);
        double[][] b = lagoon(side, rng);
        DpotOptions options = DpotOptions.defaults().withSeed(context.seed()).withInverse(true).withWidth(quick ? 64 : 128)
                .withSteps(quick ? 800 : 3000).withBatchSize(quick ? 512 : 1000);
        W2gnOptions w2gnOptions = quick ? W2gnOptions.defaults().withSteps(800).withBatchSize(512).withHidden(List.of(32, 32))
                .withLearningRate(5e-3).withSeed(context.seed()) : W2gnOptions.defaults().withSeed(context.seed());
        Report report = DpotRuns.config(new Report(name(), quick), options).config("image_side", side)
                .config("images", "generated: 'sunset' (orange-purple gradient, sun disk) -> 'lagoon' (blue-turquoise bands, sand)")
                .config("w2gn_steps", w2gnOptions.steps()).config("w2gn_hidden", w2gnOptions.hidden())
                .config("w2gn_batch", w2gnOptions.batchSize())
                .paper("comparison", "the seed compares recoloured images visually with an ICNN-based W2 method; no numbers");
        DpotModel dpot = DpotRuns.fit(context, report, options, DpotProblem.of(PointCloud.of(a), PointCloud.of(b)), "");
        long start = System.nanoTime();
        W2gnModel w2gn = new W2gnEstimator(w2gnOptions).fit(PointCloud.of(a), PointCloud.of(b));
        report.metric("fit_seconds_w2gn", (System.nanoTime() - start) / 1e9);

        int m = Math.min(1500, a.length);
        double[][] aSub = Arrays.copyOf(shuffled(a, rng), m);
        double[][] bSub = Arrays.copyOf(shuffled(b, rng), m);
        report.metric("w2_squared_source_target", square(DpotRuns.w2(aSub, bSub)));
        double[][] dpotA = dpot.apply(a);
        double[][] dpotB = dpot.applyInverse(b);
        double[][] w2gnA = w2gn.apply(a);
        double[][] w2gnB = w2gn.applyInverse(b);
        record(report, context, "dpot", a, b, dpotA, dpotB, m, rng);
        record(report, context, "w2gn", a, b, w2gnA, w2gnB, m, rng);
        Figures.rgbImages("Colour transfer: DPOT vs W2GN", List.of(a, b, clip(dpotA), clip(w2gnA), clip(dpotB)),
                List.of("source", "target palette", "DPOT T(source)", "W2GN T(source)", "DPOT S(target)"), side, side,
                context.file("recoloured.png"));
        report.figure("recoloured.png");
        return report;
    }

    private static void record(Report report, ExperimentContext context, String method, double[][] a, double[][] b,
            double[][] forward, double[][] inverse, int m, Random rng) {
        double cost = Metrics.mse(forward, a);
        double w2 = DpotRuns.w2(Arrays.copyOf(shuffled(forward, rng), m), Arrays.copyOf(shuffled(b, rng), m));
        double w2Inverse = DpotRuns.w2(Arrays.copyOf(shuffled(inverse, rng), m), Arrays.copyOf(shuffled(a, rng), m));
        report.metric("transport_cost_" + method, cost).metric("w2_" + method, w2).metric("w2_inverse_" + method, w2Inverse);
        context.log(String.format(Locale.ROOT, "%s: transport cost E||T(x) - x||^2 = %.4f, W2(T#source, target) = %.4f, "
                + "W2(S#target, source) = %.4f", method, cost, w2, w2Inverse));
    }

    private static double square(double v) {
        return v * v;
    }

    private static double[][] shuffled(double[][] rows, Random rng) {
        double[][] out = rows.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            double[] t = out[i];
            out[i] = out[k];
            out[k] = t;
        }
        return out;
    }

    private static double[][] clip(double[][] rgb) {
        double[][] out = new double[rgb.length][3];
        for (int i = 0; i < rgb.length; i++) {
            for (int c = 0; c < 3; c++) {
                out[i][c] = Math.max(0, Math.min(1, rgb[i][c]));
            }
        }
        return out;
    }

    /** An orange-to-purple sky with a pale sun disk and slight noise; (side²) × 3, row-major. */
    static double[][] sunset(int side, Random rng) {
        double[][] px = new double[side * side][];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double t = r / (side - 1.0);
                double[] color = mix(new double[] {1.0, 0.55, 0.2}, new double[] {0.35, 0.1, 0.45}, t);
                double dr = r - 0.35 * side;
                double dc = c - 0.6 * side;
                if (dr * dr + dc * dc < 0.0225 * side * side) {
                    color = new double[] {1.0, 0.9, 0.55};
                }
                px[r * side + c] = noisy(color, rng);
            }
        }
        return px;
    }

    /** Deep-blue to turquoise wavy bands over a sand strip; (side²) × 3, row-major. */
    static double[][] lagoon(int side, Random rng) {
        double[][] px = new double[side * side][];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double wave = 0.5 + 0.5 * Math.sin(2 * Math.PI * (r / (0.3 * side) + 0.15 * Math.sin(2 * Math.PI * c / side)));
                double[] color = r > 0.8 * side ? new double[] {0.9, 0.82, 0.6}
                        : mix(new double[] {0.05, 0.2, 0.45}, new double[] {0.2, 0.75, 0.7}, wave);
                px[r * side + c] = noisy(color, rng);
            }
        }
        return px;
    }

    private static double[] mix(double[] p, double[] q, double t) {
        return new double[] {(1 - t) * p[0] + t * q[0], (1 - t) * p[1] + t * q[1], (1 - t) * p[2] + t * q[2]};
    }

    private static double[] noisy(double[] color, Random rng) {
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            out[k] = Math.max(0, Math.min(1, color[k] + 0.02 * rng.nextGaussian()));
        }
        return out;
    }
}
