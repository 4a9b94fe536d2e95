package io.github.mongeot.experiments;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.experiments.costlearning.DisplacementExperiment;
import io.github.mongeot.experiments.costlearning.InverseOtExperiment;
import io.github.mongeot.experiments.costlearning.LimitedPairsExperiment;
import io.github.mongeot.experiments.dpot.DpotColor;
import io.github.mongeot.experiments.dpot.DpotEllipse;
import io.github.mongeot.experiments.dpot.DpotEllipseConditioned;
import io.github.mongeot.experiments.dpot.DpotHalfDisks;
import io.github.mongeot.experiments.dpot.DpotInverseGmm;
import io.github.mongeot.experiments.dpot.DpotSquare;
import io.github.mongeot.experiments.gradnet.GradnetGaussian2d;
import io.github.mongeot.experiments.gradnet.GradnetGaussianHd;
import io.github.mongeot.experiments.gradnet.GradnetMnistMorph;
import io.github.mongeot.experiments.lagrangian.LagrangianObstacles;
import io.github.mongeot.experiments.lagrangian.MetricLearning;
import io.github.mongeot.experiments.neuralot.NotCircles;
import io.github.mongeot.experiments.neuralot.NotMnistFashion;
import io.github.mongeot.experiments.neuralot.NotToy;
import io.github.mongeot.experiments.neuralot.NotVariancePenalty;
import io.github.mongeot.experiments.report.Report;
import io.github.mongeot.experiments.w2bench.W2Benchmark;
import java.util.List;
import java.util.stream.Collectors;

/** Every named experiment, and running one end to end (figures + report.json). */
public final class Experiments {
    // One entry per line, grouped by method (keeps merges of new experiments trivial).
    private static final List<Experiment> ALL = List.of(
            new EntropicMapGaussians(),
            new SinkhornVsExact(),
            new SinkhornOnline(),
            new W2Benchmark(),
            new InverseOtExperiment("tshape"),
            new InverseOtExperiment("moon"),
            new InverseOtExperiment("spiral"),
            new LimitedPairsExperiment(),
            new DisplacementExperiment(true),
            new DisplacementExperiment(false),
            new LagrangianObstacles("box"),
            new LagrangianObstacles("slit"),
            new LagrangianObstacles("hill"),
            new LagrangianObstacles("well"),
            new LagrangianObstacles("gmm"),
            new MetricLearning("circle"),
            new MetricLearning("mass-splitting"),
            new MetricLearning("xpaths"),
            NotToy.oneDimensional(),
            NotToy.swissRoll(),
            NotToy.eightGaussians(),
            new NotCircles(),
            new NotVariancePenalty(),
            new NotMnistFashion(),
            new DpotSquare(),
            new DpotEllipse(),
            new DpotEllipseConditioned(),
            new DpotHalfDisks(),
            new DpotInverseGmm(),
            new DpotColor(),
            new GradnetGaussian2d(),
            new GradnetGaussianHd(),
            new GradnetMnistMorph());

    private Experiments() {
    }

    public static List<Experiment> all() {
        return ALL;
    }

    public static Experiment named(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown experiment '" + name + "' (known: "
                        + ALL.stream().map(Experiment::name).collect(Collectors.joining(", ")) + ")"));
    }

    /** Runs the experiment and writes its report.json into the context's folder. */
    public static Report run(Experiment experiment, ExperimentContext context) throws Exception {
        long start = System.nanoTime();
        Report report = experiment.run(context);
        report.seconds((System.nanoTime() - start) / 1e9);
        report.write(context.outDir());
        return report;
    }
}
