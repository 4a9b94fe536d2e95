package io.github.mongeot.experiments.dpot;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mongeot.core.metrics.MarginalFit;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.report.Report;
import io.github.mongeot.methods.dpot.DpotEstimator;
import io.github.mongeot.methods.dpot.DpotModel;
import io.github.mongeot.methods.dpot.DpotOptions;
import io.github.mongeot.methods.dpot.DpotProblem;
import java.util.Locale;

/** What every DPOT experiment does around a fit: log, time split, report keys. */
final class DpotRuns {
    private DpotRuns() {
    }

    /** Fits and records fit time and its split into exact OT and network time under {@code suffix}. */
    static DpotModel fit(ExperimentContext context, Report report, DpotOptions options, DpotProblem problem, String suffix) {
        DpotModel model = new DpotEstimator(options).fit(problem);
        JsonNode r = model.fitReport();
        double seconds = r.get("seconds").asDouble();
        double ot = r.get("exact_ot_seconds").asDouble();
        report.metric("fit_seconds" + suffix, seconds)
                .metric("exact_ot_seconds_per_update" + suffix, r.get("exact_ot_seconds_per_update").asDouble())
                .metric("network_seconds_per_step" + suffix, r.get("network_seconds_per_step").asDouble())
                .metric("exact_ot_fraction" + suffix, ot / seconds);
        context.log(String.format(Locale.ROOT, "fit%s: %d steps in %.1f s (exact OT %.1f s = %.0f%%, %.1f ms per plan update; "
                + "network %.2f ms per step), final loss %.4g", suffix, r.get("steps").asLong(), seconds, ot, 100 * ot / seconds,
                1e3 * r.get("exact_ot_seconds_per_update").asDouble(), 1e3 * r.get("network_seconds_per_step").asDouble(),
                r.get("final_loss").asDouble()));
        return model;
    }

    /** The settings shared by the report's config block. */
    static Report config(Report report, DpotOptions o) {
        return report.config("architecture", o.architecture().id()).config("width", o.width()).config("depth", o.depth())
                .config("activation", o.activation().id()).config("lambda", o.lambda()).config("steps", o.steps())
                .config("batch", o.batchSize()).config("conditions_per_step", o.conditions()).config("gamma_every", o.gammaEvery())
                .config("batch_every", o.batchEvery()).config("learning_rate", o.learningRate())
                .config("lr_decay", o.decay() + " per " + o.decaySteps() + " steps").config("solver", o.solver().id())
                .config("dtype", o.dtype().name().toLowerCase(Locale.ROOT)).config("load_average_at_start", loadAverage());
    }

    /** W₂ between two clouds of equal size by exact OT. */
    static double w2(double[][] a, double[][] b) {
        return Math.sqrt(MarginalFit.w2SquaredExact(a, b));
    }

    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
