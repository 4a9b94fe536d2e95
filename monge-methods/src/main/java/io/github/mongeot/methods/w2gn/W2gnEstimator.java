package io.github.mongeot.methods.w2gn;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.net.Icnn;
import io.github.mongeot.nn.net.IcnnConfig;
import io.github.mongeot.nn.train.LearningRateSchedule;
import io.github.mongeot.nn.train.OptimizerConfig;
import io.github.mongeot.nn.train.ProgressReporter;
import io.github.mongeot.nn.train.TrainingLoop;
import io.github.mongeot.nn.train.TrainingOptimizer;
import io.github.mongeot.nn.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Fits the W2GN map of Korotin et al. (ICLR 2021) between two point clouds: two ICNN potentials
 * ψ (source side, T = ∇ψ) and ψ̄ (target side, T⁻¹ ≈ ∇ψ̄) trained jointly with Adam on
 * {@link W2gnObjective}, one minibatch from each cloud per step (drawn with replacement in
 * proportion to the weights) from clouds centred and scaled by {@link Standardization} (exact for
 * the quadratic cost), the learning rate decaying along a cosine to a tenth of its
 * initial value. Both ICNNs start near ½‖x‖², i.e. at the identity map.
 *
 * <p>Deterministic for a given seed and thread count. A non-finite loss stops training with
 * {@link io.github.mongeot.nn.train.NonFiniteLossException} (parameters restored to the last
 * good snapshot) rather than returning a broken map.
 */
public final class W2gnEstimator {
    /** Target points used for the cycle residual recorded in the fit report. */
    private static final int RESIDUAL_POINTS = 2048;
    /** The learning rate decays along a cosine to this fraction: the minibatch noise then averages out at the end. */
    private static final double FINAL_LR_FACTOR = 0.1;

    private final W2gnOptions options;
    private final ProgressReporter progress;
    private final Path metricsLog;

    public W2gnEstimator(W2gnOptions options) {
        this(options, ProgressReporter.silent(), null);
    }

    private W2gnEstimator(W2gnOptions options, ProgressReporter progress, Path metricsLog) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.metricsLog = metricsLog;
    }

    /** Reports progress (e.g. {@code ProgressReporter.auto(100)} for stderr). */
    public W2gnEstimator withProgress(ProgressReporter reporter) {
        return new W2gnEstimator(options, reporter, metricsLog);
    }

    /** Writes a JSON-lines record (step, loss, lr, elapsed_s) every 100 steps to {@code path}. */
    public W2gnEstimator withMetricsLog(Path path) {
        return new W2gnEstimator(options, progress, path);
    }

    public W2gnOptions options() {
        return options;
    }

    /** Trains ψ and ψ̄ so that ∇ψ pushes {@code source} onto {@code target}. */
    @SuppressWarnings("try") // the PointerScope frees the data tensors; it is not referenced by name
    public W2gnModel fit(PointCloud source, PointCloud target) {
        Validation.checkSameDimension(source, target);
        int d = source.dim();
        Standardization standardization = Standardization.of(source, target);
        IcnnConfig architecture = IcnnConfig.of(d, options.hidden()).withDtype(options.dtype());
        Icnn psi = new Icnn(architecture, options.seed());
        Icnn psiBar = new Icnn(architecture, options.seed() + 1);
        List<Tensor> parameters = new ArrayList<>(psi.namedParameters().values());
        parameters.addAll(psiBar.namedParameters().values());
        TrainingResult result;
        try (PointerScope data = new PointerScope()) {
            Tensor xs = Tensors.fromRows(standardization.source(source.points()), options.dtype());
            Tensor ys = Tensors.fromRows(standardization.target(target.points()), options.dtype());
            Tensor xWeights = source.weightsTensor(options.dtype());
            Tensor yWeights = target.weightsTensor(options.dtype());
            TrainingOptimizer optimizer = OptimizerConfig.adam(options.learningRate()).create(parameters);
            TrainingLoop.Builder loop = TrainingLoop.builder(optimizer, options.steps()).seed(options.seed()).progress(progress)
                    .schedule(LearningRateSchedule.cosine(options.steps(), FINAL_LR_FACTOR));
            if (metricsLog != null) {
                loop.metricsLog(metricsLog, 100);
            }
            int batch = options.batchSize();
            double lambda = options.lambdaCycle();
            result = loop.build().run(step -> W2gnObjective.loss(psi, psiBar, minibatch(xs, xWeights, batch),
                    minibatch(ys, yWeights, batch), lambda));
        }
        W2gnModel unreported = new W2gnModel(psi, psiBar, standardization, null);
        double[][] probe = Arrays.copyOf(target.points(), Math.min(target.size(), RESIDUAL_POINTS));
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("method", "w2gn");
        report.put("steps", result.steps());
        report.put("final_loss", result.finalLoss()); // in the standardised coordinates
        report.put("scale", standardization.scale());
        report.put("seconds", result.seconds());
        report.put("cycle_residual", unreported.cycleResidual(probe));
        report.put("batch_size", options.batchSize());
        report.put("learning_rate", options.learningRate());
        report.put("lambda_cycle", options.lambdaCycle());
        report.put("seed", options.seed());
        options.hidden().forEach(report.putArray("hidden")::add);
        report.put("dtype", options.dtype().name().toLowerCase(java.util.Locale.ROOT));
        report.put("source_points", source.size());
        report.put("target_points", target.size());
        return new W2gnModel(psi, psiBar, standardization, report);
    }

    /** {@code size} rows drawn with replacement in proportion to the weights (libtorch's seeded generator). */
    private static Tensor minibatch(Tensor points, Tensor weights, int size) {
        Tensor index = torch.multinomial(weights, size, true, new GeneratorOptional());
        return points.index_select(0, index);
    }
}
