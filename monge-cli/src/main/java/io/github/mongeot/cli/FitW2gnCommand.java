package io.github.mongeot.cli;

import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.methods.w2gn.W2gnEstimator;
import io.github.mongeot.methods.w2gn.W2gnModel;
import io.github.mongeot.methods.w2gn.W2gnOptions;
import io.github.mongeot.nn.train.ProgressReporter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code monge fit w2gn}: the W2GN neural dual (two ICNN potentials), saved as a {@code w2gn} model. */
@Command(name = "w2gn", mixinStandardHelpOptions = true,
        description = "Fit W2GN (Korotin et al. 2021): ICNN potentials psi, psi_bar with T = grad psi, "
                + "inverse grad psi_bar, trained with a cycle-consistency regulariser.")
final class FitW2gnCommand implements Callable<Integer> {
    private static final W2gnOptions DEFAULTS = W2gnOptions.defaults();

    @Spec
    CommandSpec spec;

    @Mixin
    ProblemFiles files;

    @Option(names = "--steps", description = "Training steps (default ${DEFAULT-VALUE}).")
    long steps = DEFAULTS.steps();

    @Option(names = "--batch", description = "Minibatch size per cloud (default ${DEFAULT-VALUE}).")
    int batch = DEFAULTS.batchSize();

    @Option(names = "--hidden", split = ",", description = "Hidden widths of both ICNNs (default 64,64).")
    List<Integer> hidden = new ArrayList<>(DEFAULTS.hidden());

    @Option(names = "--lr", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double lr = DEFAULTS.learningRate();

    @Option(names = "--lambda", description = "Cycle-consistency weight (default ${DEFAULT-VALUE}).")
    double lambda = DEFAULTS.lambdaCycle();

    @Option(names = "--seed", description = "Seed of weights and minibatches (default ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--dtype", converter = DTypeConverter.class, description = "float32 or float64 (default float32).")
    DType dtype = DType.FLOAT32;

    @Option(names = "--metrics-log", description = "Write JSON-lines training metrics to this file.")
    Path metricsLog;

    @Option(names = "--out", required = true, description = "Model file to write (.safetensors).")
    Path out;

    @Override
    public Integer call() {
        W2gnOptions options = new W2gnOptions(hidden, steps, batch, lr, lambda, seed, dtype); // checked before any input is read
        PointCloud[] clouds = files.both();
        PointCloud x = clouds[0];
        PointCloud y = clouds[1];
        PrintWriter err = spec.commandLine().getErr();
        W2gnEstimator estimator = new W2gnEstimator(options).withProgress(progress(err, Math.max(1, steps / 10)));
        if (metricsLog != null) {
            estimator = estimator.withMetricsLog(metricsLog);
        }
        W2gnModel model = estimator.fit(x, y);
        model.save(out);
        err.println(String.format(Locale.ROOT, "fit w2gn: %d → %d points, %d steps, final loss %.6g, cycle residual %.3g; wrote %s",
                x.size(), y.size(), model.fitReport().get("steps").asLong(), model.fitReport().get("final_loss").asDouble(),
                model.fitReport().get("cycle_residual").asDouble(), out));
        return 0;
    }

    /** A bar on a terminal, else plain lines on the command's error writer (which tests capture). */
    static ProgressReporter progress(PrintWriter err, long every) {
        if (System.console() != null) {
            return ProgressReporter.auto(every);
        }
        OutputStream toWriter = new ByteArrayOutputStream() {
            @Override
            public synchronized void flush() {
                err.write(toString(StandardCharsets.UTF_8));
                err.flush();
                reset();
            }
        };
        return ProgressReporter.lines(new PrintStream(toWriter, true, StandardCharsets.UTF_8), every);
    }
}
