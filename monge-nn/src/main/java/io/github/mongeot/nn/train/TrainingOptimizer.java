package io.github.mongeot.nn.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * A libtorch optimiser with the base learning rate of each parameter group remembered, so that a
 * {@link LearningRateSchedule} can scale them, plus gradient clipping by global norm.
 */
public final class TrainingOptimizer {
    private final Optimizer optimizer;
    private final double[] baseRates;
    private final List<Tensor> parameters;
    private final TensorVector parameterVector;
    private double factor = 1.0;

    TrainingOptimizer(Optimizer optimizer, double[] baseRates, List<ParameterGroup> groups) {
        this.optimizer = optimizer;
        this.baseRates = baseRates.clone();
        List<Tensor> all = new ArrayList<>();
        groups.forEach(g -> all.addAll(g.parameters()));
        this.parameters = Collections.unmodifiableList(all);
        this.parameterVector = new TensorVector(all.toArray(new Tensor[0]));
        setLearningRateFactor(1.0);
    }

    /** Clears the gradients (sets them to undefined, as PyTorch's {@code set_to_none=True}). */
    public void zeroGrad() {
        optimizer.zero_grad(true);
    }

    /** One update from the accumulated gradients. */
    public void step() {
        optimizer.step();
    }

    /** Sets every group's learning rate to its base rate × {@code factor} (what schedules call). */
    public void setLearningRateFactor(double factor) {
        if (!(factor >= 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("learning-rate factor must be >= 0, got " + factor);
        }
        this.factor = factor;
        for (int i = 0; i < baseRates.length; i++) {
            optimizer.param_groups().get(i).options().set_lr(baseRates[i] * factor);
        }
    }

    /** The learning rate group {@code group} uses now. */
    public double learningRate(int group) {
        return optimizer.param_groups().get(group).options().get_lr();
    }

    public double learningRateFactor() {
        return factor;
    }

    public int groups() {
        return baseRates.length;
    }

    /**
     * Rescales all gradients so that their global L2 norm is at most {@code maxNorm}
     * ({@code torch::nn::utils::clip_grad_norm_}); returns the norm before clipping.
     */
    public double clipGradientNorm(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        }
        return torch.clip_grad_norm_(parameterVector, maxNorm);
    }

    /** All parameters, groups in order. */
    public List<Tensor> parameters() {
        return parameters;
    }

    /** The underlying libtorch optimiser. */
    public Optimizer raw() {
        return optimizer;
    }
}
