package io.github.mongeot.experiments.gradnet;

import io.github.mongeot.core.metrics.Metrics;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.methods.gradnet.Density;
import io.github.mongeot.methods.gradnet.GradnetEstimator;
import io.github.mongeot.methods.gradnet.GradnetModel;
import io.github.mongeot.methods.gradnet.GradnetOptions;
import io.github.mongeot.nn.train.ProgressReporter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** What the GradNetOT experiments share: a timed fit, the monotonicity check, displacement plots. */
final class GradnetRuns {
    private GradnetRuns() {
    }

    /**
     * Mean squared error per coordinate, (1/(n d)) Σ_i ‖a_i − b_i‖², as the reference code's
     * sklearn {@code mean_squared_error} (and torch's MSELoss) compute it.
     */
    static double mse(double[][] a, double[][] b) {
        return Metrics.mse(a, b) / a[0].length;
    }

    /** Fits and logs the time per step. */
    static GradnetModel fit(ExperimentContext context, String label, GradnetOptions options, Density source, Density target) {
        GradnetModel model = new GradnetEstimator(options)
                .withProgress(ProgressReporter.lines(context.progress(), Math.max(1, options.steps() / 5))).fit(source, target);
        context.log(String.format(Locale.ROOT, "%s: %d steps in %.1f s (%.2f ms/step), final loss %.4g", label,
                model.fitReport().get("steps").asLong(), model.fitReport().get("seconds").asDouble(),
                model.fitReport().get("ms_per_step").asDouble(), model.fitReport().get("final_loss").asDouble()));
        return model;
    }

    /**
     * Fraction of random pairs (x, y) with ⟨T(x) − T(y), x − y⟩ &lt; 0: zero for any monotone map
     * (a gradient of a convex function), so a positive value shows the map is not an OT map.
     */
    static double nonMonotonePairs(double[][] x, double[][] mapped, long seed) {
        Random rng = new Random(seed);
        int pairs = 20_000;
        int bad = 0;
        for (int p = 0; p < pairs; p++) {
            int i = rng.nextInt(x.length);
            int j = rng.nextInt(x.length);
            double dot = 0;
            for (int k = 0; k < x[i].length; k++) {
                dot += (mapped[i][k] - mapped[j][k]) * (x[i][k] - x[j][k]);
            }
            if (dot < 0) {
                bad++;
            }
        }
        return bad / (double) pairs;
    }

    /** Arrows x → T(x) for the first {@code count} points over the source and mapped clouds. */
    static String displacement(ExperimentContext context, String title, String png, double[][] x, double[][] mapped, int count)
            throws IOException {
        List<double[][]> arrows = new ArrayList<>();
        for (int i = 0; i < Math.min(count, x.length); i++) {
            arrows.add(new double[][] {x[i], mapped[i]});
        }
        Figures.polylines(title, List.of(new Figures.Series("x", x), new Figures.Series("T(x)", mapped)), arrows, context.file(png));
        return png;
    }
}
