package io.github.mongeot.experiments;

import io.github.mongeot.experiments.report.Report;

/** A named, reproducible experiment: runs end to end and reports its metrics beside the paper's. */
public interface Experiment {
    /** The name used by {@code monge experiment run NAME}. */
    String name();

    /** One line for {@code monge experiment list}. */
    String description();

    /** Runs the experiment, writing figures into {@code context.outDir()}; the caller writes the report. */
    Report run(ExperimentContext context) throws Exception;
}
