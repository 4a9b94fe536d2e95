package io.github.mongeot.nn.train;

import java.io.PrintStream;
import java.util.Locale;

/** Reports training progress on stderr: a bar on a terminal, plain lines otherwise (logs, CI). */
public interface ProgressReporter {
    void update(long step, long totalSteps, double loss, double learningRate);

    void finish(TrainingResult result);

    /** A bar if {@code System.console() != null}, plain lines every {@code every} steps otherwise. */
    static ProgressReporter auto(long every) {
        return System.console() != null ? bar(System.err) : lines(System.err, every);
    }

    static ProgressReporter silent() {
        return new ProgressReporter() {
            @Override
            public void update(long step, long totalSteps, double loss, double learningRate) {
            }

            @Override
            public void finish(TrainingResult result) {
            }
        };
    }

    /** "step 100/1000  loss 1.234e-02  lr 1.0e-03" lines every {@code every} steps and at the end. */
    static ProgressReporter lines(PrintStream out, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        return new ProgressReporter() {
            @Override
            public void update(long step, long totalSteps, double loss, double learningRate) {
                long done = step + 1;
                if (done % every == 0 || done == totalSteps) {
                    out.printf(Locale.ROOT, "step %d/%d  loss %.6g  lr %.3g%n", done, totalSteps, loss, learningRate);
                }
            }

            @Override
            public void finish(TrainingResult r) {
                out.printf(Locale.ROOT, "done: %d steps in %.1f s, loss %.6g%s%n", r.steps(), r.seconds(), r.finalLoss(),
                        r.stoppedEarly() ? " (stopped early)" : "");
            }
        };
    }

    /** A carriage-return progress bar, redrawn at most 10 times a second. */
    static ProgressReporter bar(PrintStream out) {
        return new ProgressReporter() {
            private long lastDraw;

            @Override
            public void update(long step, long totalSteps, double loss, double learningRate) {
                long now = System.nanoTime();
                long done = step + 1;
                if (done != totalSteps && now - lastDraw < 100_000_000L) {
                    return;
                }
                lastDraw = now;
                int width = 30;
                int filled = (int) (width * done / Math.max(1, totalSteps));
                out.printf(Locale.ROOT, "\r[%s%s] %d/%d loss %.4g", "#".repeat(filled), ".".repeat(width - filled),
                        done, totalSteps, loss);
                out.flush();
            }

            @Override
            public void finish(TrainingResult r) {
                out.printf(Locale.ROOT, "%ndone: %d steps in %.1f s, loss %.6g%s%n", r.steps(), r.seconds(), r.finalLoss(),
                        r.stoppedEarly() ? " (stopped early)" : "");
            }
        };
    }
}
