package io.github.mongeot.cli;

import io.github.mongeot.experiments.Demo;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monge demo}: the quickstart. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a built-in problem end to end: exact OT, entropic map fit, save, apply, plot.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", description = "Folder for the outputs (default: a new folder monge-demo-N here).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : newFolder();
        Files.createDirectories(dir);
        Demo.run(dir, new PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8));
        return 0;
    }

    private static Path newFolder() {
        for (int i = 1; ; i++) {
            Path candidate = Path.of("monge-demo-" + i);
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }
}
