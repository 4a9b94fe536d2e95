package io.github.mongeot.cli;

import io.github.mongeot.experiments.Experiment;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.Experiments;
import io.github.mongeot.experiments.report.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code monge experiment list | run NAME}. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "List or run the named experiments (report.json + figures).",
        subcommands = {ExperimentCommand.List.class, ExperimentCommand.Run.class})
final class ExperimentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list or run NAME");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments.")
    static final class List implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (Experiment e : Experiments.all()) {
                out.printf("%-26s %s%n", e.name(), e.description());
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run one experiment.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Experiment name (see 'monge experiment list').")
        String name;

        @Option(names = "--quick", description = "The short configuration (stated in the report's config).")
        boolean quick;

        @Option(names = "--out", description = "Output folder (default: experiments/NAME).")
        Path out;

        @Option(names = "--seed", defaultValue = "0", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--data", paramLabel = "DIR",
                description = "Input data folder for experiments that take one (w2bench: benchmark files).")
        Path data;

        @Option(names = "--dims", paramLabel = "LIST",
                description = "Dimensions to run, comma-separated, for experiments that take them (w2bench).")
        String dims;

        @Override
        public Integer call() throws Exception {
            Experiment experiment = Experiments.named(name);
            Path dir = out != null ? out : Path.of("experiments", name);
            Map<String, String> options = new HashMap<>();
            if (data != null) {
                options.put("data", data.toString());
            }
            if (dims != null) {
                options.put("dims", dims);
            }
            Report report = Experiments.run(experiment, new ExperimentContext(dir, quick, seed,
                    new java.io.PrintStream(System.err, true, java.nio.charset.StandardCharsets.UTF_8), options));
            PrintWriter w = spec.commandLine().getOut();
            w.println(report.toJson().get("metrics").toPrettyString());
            w.println("wrote " + dir.resolve("report.json"));
            return 0;
        }
    }
}
