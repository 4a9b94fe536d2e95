package io.github.mongeot.spark.cli;

import io.github.mongeot.core.data.InvalidInputException;
import java.io.PrintWriter;
import io.github.mongeot.spark.bench.SparkThroughput;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code monge spark}: the Spark subcommands. Run by the {@code ./monge} launcher (which puts Spark
 * on the classpath) or as the main class of the shaded jar under {@code spark-submit}. Exit codes as
 * {@code monge}: 0 ok, 2 usage error, 1 failure with a one-line reason.
 */
@Command(name = "monge spark", mixinStandardHelpOptions = true, version = "monge spark (Spark 3.5, Scala 2.13)",
        description = "Fitted maps and grouped OT problems on Apache Spark (local[*] by default, any master URL).",
        subcommands = {SparkApplyCommand.class, SolveGroupsCommand.class, SparkThroughput.class,
            CommandLine.HelpCommand.class})
public final class SparkMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (apply or solve-groups)");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code (used by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SparkMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("monge spark: " + oneLine(ex));
            if (System.getenv("MONGE_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * The reason in one line: the input error a task raised when there is one (Spark wraps task
     * failures in its own exceptions), else the first line of the outermost message.
     */
    static String oneLine(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException || t instanceof java.nio.file.NoSuchFileException) {
                return (t instanceof InvalidInputException ? "" : "no such file: ") + t.getMessage().replace('\n', ' ');
            }
        }
        Throwable t = ex;
        while (t.getCause() != null && (t.getMessage() == null || t.getClass() == RuntimeException.class)) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return (t instanceof IllegalArgumentException ? "" : t.getClass().getSimpleName() + ": ")
                + (newline < 0 ? message : message.substring(0, newline));
    }
}
