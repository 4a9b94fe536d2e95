package io.github.mongeot.nn.train;

import io.github.mongeot.core.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Tensor;

/**
 * Runs {@link TrainingStep}s: seeding, learning-rate schedule, zero-grad / backward / clipping /
 * update, progress, JSON-lines metrics, periodic evaluation and checkpoints, early stop.
 *
 * <p>Each step runs inside its own {@code PointerScope}, so native memory stays flat. A NaN or
 * infinite loss (or gradient norm, when clipping) stops training with a
 * {@link NonFiniteLossException} naming the step, after restoring the parameters to the last good
 * snapshot; snapshots are taken every {@code snapshotEvery} steps (by default the checkpoint
 * interval, else 100) from parameters that produced a finite loss. Same seed and same thread
 * count give the same result.
 */
public final class TrainingLoop {
    private final long steps;
    private final Long seed;
    private final Integer threads;
    private final TrainingOptimizer optimizer;
    private final LearningRateSchedule schedule;
    private final double clipNorm;
    private final long evaluateEvery;
    private final Evaluation evaluation;
    private final long checkpointEvery;
    private final Checkpoint checkpoint;
    private final long snapshotEvery;
    private final EarlyStop earlyStop;
    private final Path metricsPath;
    private final long logEvery;
    private final ProgressReporter progress;

    private TrainingLoop(Builder b) {
        this.steps = b.steps;
        this.seed = b.seed;
        this.threads = b.threads;
        this.optimizer = Objects.requireNonNull(b.optimizer, "optimizer");
        this.schedule = b.schedule;
        this.clipNorm = b.clipNorm;
        this.evaluateEvery = b.evaluateEvery;
        this.evaluation = b.evaluation;
        this.checkpointEvery = b.checkpointEvery;
        this.checkpoint = b.checkpoint;
        this.snapshotEvery = b.snapshotEvery > 0 ? b.snapshotEvery : (b.checkpointEvery > 0 ? b.checkpointEvery : 100);
        this.earlyStop = b.earlyStop;
        this.metricsPath = b.metricsPath;
        this.logEvery = b.logEvery;
        this.progress = b.progress;
    }

    public static Builder builder(TrainingOptimizer optimizer, long steps) {
        return new Builder(optimizer, steps);
    }

    /** Trains; see the class comment for what happens on a non-finite loss. */
    public TrainingResult run(TrainingStep step) {
        if (threads != null) {
            Engine.setThreads(threads); // sets libtorch's and OpenBLAS's pools
        }
        if (seed != null) {
            Engine.seed(seed);
        }
        List<Tensor> parameters = optimizer.parameters();
        List<Tensor> snapshot = new ArrayList<>(parameters.size());
        for (Tensor p : parameters) {
            snapshot.add(p.detach().clone());
        }
        long lastGood = -1;
        long start = System.nanoTime();
        Map<String, Double> metrics = Map.of();
        double loss = Double.NaN;
        long done = 0;
        boolean stoppedEarly = false;
        boolean gradMode = GradMode.is_enabled();
        GradMode.set_enabled(true);
        MetricsLog log = metricsPath == null ? null : MetricsLog.open(metricsPath);
        try {
            for (long s = 0; s < steps; s++) {
                optimizer.setLearningRateFactor(schedule.factor(s));
                try (PointerScope scope = new PointerScope()) {
                    optimizer.zeroGrad();
                    Tensor lossTensor = step.loss(s);
                    loss = lossTensor.item_double();
                    if (!Double.isFinite(loss)) {
                        throw failure("loss", s, loss, lastGood, snapshot, parameters);
                    }
                    if (s % snapshotEvery == 0) {
                        copy(parameters, snapshot);
                        lastGood = s;
                    }
                    if (checkpoint != null && checkpointEvery > 0 && s > 0 && s % checkpointEvery == 0) {
                        checkpoint.save(s);
                    }
                    lossTensor.backward();
                    if (clipNorm > 0) {
                        double norm = optimizer.clipGradientNorm(clipNorm);
                        if (!Double.isFinite(norm)) {
                            throw failure("gradient norm", s, norm, lastGood, snapshot, parameters);
                        }
                    }
                    optimizer.step();
                }
                done = s + 1;
                boolean evaluatedNow = false;
                if (evaluation != null && evaluateEvery > 0 && (done % evaluateEvery == 0 || done == steps)) {
                    try (PointerScope scope = new PointerScope()) {
                        metrics = Map.copyOf(evaluation.evaluate(done));
                    }
                    evaluatedNow = true;
                }
                double lr = optimizer.learningRate(0);
                if (log != null && (done % logEvery == 0 || evaluatedNow || done == steps)) {
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("step", done);
                    record.put("loss", loss);
                    record.put("lr", lr);
                    record.put("elapsed_s", (System.nanoTime() - start) / 1e9);
                    record.putAll(metrics.isEmpty() || !evaluatedNow ? Map.of() : metrics);
                    log.write(record);
                }
                progress.update(s, steps, loss, lr);
                if (earlyStop != null && earlyStop.shouldStop(s, loss, metrics, evaluatedNow)) {
                    stoppedEarly = true;
                    break;
                }
            }
            if (checkpoint != null) {
                checkpoint.save(done);
            }
        } finally {
            GradMode.set_enabled(gradMode);
            if (log != null) {
                log.close();
            }
        }
        TrainingResult result = new TrainingResult(done, loss, stoppedEarly, metrics, (System.nanoTime() - start) / 1e9);
        progress.finish(result);
        return result;
    }

    private static NonFiniteLossException failure(String what, long step, double value, long lastGood,
            List<Tensor> snapshot, List<Tensor> parameters) {
        if (lastGood >= 0) {
            copy(snapshot, parameters);
        }
        return new NonFiniteLossException(what, step, value, lastGood);
    }

    /** In-place copy without recording it in the autograd graph. */
    private static void copy(List<Tensor> from, List<Tensor> to) {
        boolean gradMode = GradMode.is_enabled();
        GradMode.set_enabled(false);
        try {
            for (int i = 0; i < from.size(); i++) {
                to.get(i).copy_(from.get(i).detach());
            }
        } finally {
            GradMode.set_enabled(gradMode);
        }
    }

    /** Options of a {@link TrainingLoop}; only the optimiser and the step count are required. */
    public static final class Builder {
        private final TrainingOptimizer optimizer;
        private final long steps;
        private Long seed;
        private Integer threads;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private double clipNorm;
        private long evaluateEvery;
        private Evaluation evaluation;
        private long checkpointEvery;
        private Checkpoint checkpoint;
        private long snapshotEvery;
        private EarlyStop earlyStop;
        private Path metricsPath;
        private long logEvery = 100;
        private ProgressReporter progress = ProgressReporter.silent();

        private Builder(TrainingOptimizer optimizer, long steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("steps must be >= 0, got " + steps);
            }
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            this.steps = steps;
        }

        /** Seeds libtorch's generator before the first step. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets libtorch's intra-op thread count before the first step. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** Clip gradients to this global L2 norm before each update (0 = off). */
        public Builder clipGradientNorm(double maxNorm) {
            if (!(maxNorm >= 0)) {
                throw new IllegalArgumentException("maxNorm must be >= 0, got " + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /** Calls {@code evaluation} after every {@code every} updates and after the last one. */
        public Builder evaluateEvery(long every, Evaluation evaluation) {
            this.evaluateEvery = positive(every);
            this.evaluation = Objects.requireNonNull(evaluation);
            return this;
        }

        /** Calls {@code checkpoint} every {@code every} steps (good parameters only) and at the end. */
        public Builder checkpointEvery(long every, Checkpoint checkpoint) {
            this.checkpointEvery = positive(every);
            this.checkpoint = Objects.requireNonNull(checkpoint);
            return this;
        }

        /** In-memory snapshot interval for the restore on a non-finite loss. */
        public Builder snapshotEvery(long every) {
            this.snapshotEvery = positive(every);
            return this;
        }

        public Builder earlyStop(EarlyStop rule) {
            this.earlyStop = Objects.requireNonNull(rule);
            return this;
        }

        /** Writes a JSON-lines record every {@code every} steps and at each evaluation. */
        public Builder metricsLog(Path path, long every) {
            this.metricsPath = Objects.requireNonNull(path);
            this.logEvery = positive(every);
            return this;
        }

        public Builder progress(ProgressReporter reporter) {
            this.progress = Objects.requireNonNull(reporter);
            return this;
        }

        public TrainingLoop build() {
            return new TrainingLoop(this);
        }

        private static long positive(long every) {
            if (every < 1) {
                throw new IllegalArgumentException("interval must be >= 1, got " + every);
            }
            return every;
        }
    }
}
