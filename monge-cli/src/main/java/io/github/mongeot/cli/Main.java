package io.github.mongeot.cli;

import io.github.mongeot.core.data.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code monge} command. Exit codes: 0 ok, 2 usage error, 1 failure with a one-line reason
 * naming the input at fault.
 */
@Command(name = "monge", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Optimal transport maps: exact OT, Sinkhorn, entropic maps, neural estimators.",
        subcommands = {SolveCommand.class, FitCommand.class, ApplyCommand.class, ExperimentCommand.class,
            DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Applied before any subcommand runs (picocli sets options of the parent first). */
    @CommandLine.Option(names = "--threads", scope = CommandLine.ScopeType.INHERIT,
            description = "libtorch intra-op threads (default 1, or MONGE_THREADS).")
    void setThreads(int threads) {
        io.github.mongeot.core.engine.Engine.setThreads(threads);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code (used by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("monge: " + oneLine(ex));
            if (System.getenv("MONGE_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    /** The reason for a failure in one line, without Java noise for errors the user can fix. */
    static String oneLine(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof UncheckedIOException || t.getClass() == RuntimeException.class) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof InvalidInputException || t instanceof IllegalArgumentException) {
            return message.replace('\n', ' ');
        }
        if (t instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + message;
        }
        if (t instanceof IOException) {
            return "I/O error: " + message.replace('\n', ' ');
        }
        return t.getClass().getSimpleName() + ": " + message.replace('\n', ' ');
    }

    /** Reads the version Maven wrote into the jar's resources. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/monge-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"monge " + p.getProperty("version", "unknown")};
        }
    }
}
