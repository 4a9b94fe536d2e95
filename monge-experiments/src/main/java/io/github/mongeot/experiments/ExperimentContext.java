package io.github.mongeot.experiments;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where an experiment writes its figures, whether to run the short configuration, its seed, and
 * where progress goes (stderr for the CLI).
 */
public record ExperimentContext(Path outDir, boolean quick, long seed, PrintStream progress) {
    public void log(String message) {
        progress.println(message);
    }

    public Path file(String name) {
        return outDir.resolve(name);
    }
}
