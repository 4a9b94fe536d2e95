package io.github.mongeot.experiments;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where an experiment writes its figures, whether to run the short configuration, its seed, where
 * progress goes (stderr for the CLI), and the experiment-specific inputs given on the command line
 * (e.g. {@code data} and {@code dims} for the W2 benchmark).
 */
public record ExperimentContext(Path outDir, boolean quick, long seed, PrintStream progress,
        Map<String, String> options) {
    public ExperimentContext {
        options = Map.copyOf(options);
    }

    public ExperimentContext(Path outDir, boolean quick, long seed, PrintStream progress) {
        this(outDir, quick, seed, progress, Map.of());
    }

    public void log(String message) {
        progress.println(message);
    }

    public Path file(String name) {
        return outDir.resolve(name);
    }

    /** An experiment-specific input, if given. */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }
}
