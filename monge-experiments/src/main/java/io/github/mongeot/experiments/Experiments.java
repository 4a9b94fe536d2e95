package io.github.mongeot.experiments;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.experiments.report.Report;
import java.util.List;
import java.util.stream.Collectors;

/** Every named experiment, and running one end to end (figures + report.json). */
public final class Experiments {
    private static final List<Experiment> ALL = List.of(new EntropicMapGaussians(), new SinkhornVsExact(), new SinkhornOnline(),
            new io.github.mongeot.experiments.w2bench.W2Benchmark());

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
