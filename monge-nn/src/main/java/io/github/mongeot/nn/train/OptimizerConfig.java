package io.github.mongeot.nn.train;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.List;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.OptimizerParamGroup;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * Settings of libtorch's Adam or AdamW (Kingma &amp; Ba 2015; Loshchilov &amp; Hutter 2019), and the
 * factory that builds a {@link TrainingOptimizer} from them.
 *
 * @param kind        ADAM (L2 penalty added to the gradient) or ADAMW (decoupled weight decay)
 * @param learningRate base learning rate for parameters not in an explicit group
 * @param beta1       first-moment decay
 * @param beta2       second-moment decay
 * @param eps         denominator guard
 * @param weightDecay weight decay (0 for none)
 */
public record OptimizerConfig(Kind kind, double learningRate, double beta1, double beta2, double eps,
        double weightDecay) {
    /** Which libtorch optimiser. */
    public enum Kind { ADAM, ADAMW }

    public OptimizerConfig {
        positive("learning rate", learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new InvalidInputException("optimizer: betas must lie in [0, 1), got " + beta1 + ", " + beta2);
        }
        positive("eps", eps);
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new InvalidInputException("optimizer: weight decay must be >= 0, got " + weightDecay);
        }
    }

    /** Adam with PyTorch's defaults (betas 0.9, 0.999; eps 1e-8; no weight decay). */
    public static OptimizerConfig adam(double learningRate) {
        return new OptimizerConfig(Kind.ADAM, learningRate, 0.9, 0.999, 1e-8, 0.0);
    }

    /** AdamW with PyTorch's defaults (weight decay 0.01). */
    public static OptimizerConfig adamW(double learningRate) {
        return new OptimizerConfig(Kind.ADAMW, learningRate, 0.9, 0.999, 1e-8, 0.01);
    }

    public OptimizerConfig withBetas(double b1, double b2) {
        return new OptimizerConfig(kind, learningRate, b1, b2, eps, weightDecay);
    }

    public OptimizerConfig withEps(double e) {
        return new OptimizerConfig(kind, learningRate, beta1, beta2, e, weightDecay);
    }

    public OptimizerConfig withWeightDecay(double wd) {
        return new OptimizerConfig(kind, learningRate, beta1, beta2, eps, wd);
    }

    /** An optimiser over {@code parameters}, all at {@link #learningRate()}. */
    public TrainingOptimizer create(List<Tensor> parameters) {
        return createGroups(List.of(new ParameterGroup(parameters, learningRate)));
    }

    /**
     * An optimiser with one libtorch parameter group per {@link ParameterGroup}, each at its own
     * base learning rate. Keep it outside per-step {@code PointerScope}s: it owns native state.
     */
    public TrainingOptimizer createGroups(List<ParameterGroup> groups) {
        if (groups.isEmpty()) {
            throw new InvalidInputException("optimizer: no parameter groups");
        }
        for (ParameterGroup group : groups) {
            for (Tensor p : group.parameters()) {
                if (!p.requires_grad()) {
                    throw new InvalidInputException("optimizer: a parameter does not require gradients");
                }
            }
        }
        TensorVector first = vector(groups.get(0));
        Optimizer optimizer = kind == Kind.ADAM ? new Adam(first, adamOptions()) : new AdamW(first, adamWOptions());
        // Later groups get a copy of the default options (libtorch's add_param_group); their own
        // learning rates are set by TrainingOptimizer.
        for (ParameterGroup group : groups.subList(1, groups.size())) {
            optimizer.add_param_group(new OptimizerParamGroup(vector(group)));
        }
        double[] baseRates = groups.stream().mapToDouble(ParameterGroup::learningRate).toArray();
        return new TrainingOptimizer(optimizer, baseRates, groups);
    }

    private static TensorVector vector(ParameterGroup group) {
        return new TensorVector(group.parameters().toArray(new Tensor[0]));
    }

    private AdamOptions adamOptions() {
        AdamOptions o = new AdamOptions(learningRate);
        putBetas(o.betas(), new AdamOptions(1.0).betas());
        o.eps().put(eps);
        o.weight_decay().put(weightDecay);
        return o;
    }

    /**
     * Writes (β₁, β₂) into libtorch's {@code std::tuple<double, double>}. libstdc++ lays a tuple's
     * elements out in reverse order, so index 0 of the pointer is β₂ there: writing (β₁, β₂) in
     * index order gave Adam β₁ = 0.999, β₂ = 0.9, which diverges (β₁ &gt; √β₂) as soon as the loss
     * gets small. The layout is read off libtorch's own defaults (0.9, 0.999) instead of assumed.
     */
    private void putBetas(org.bytedeco.javacpp.DoublePointer betas, org.bytedeco.javacpp.DoublePointer defaults) {
        boolean reversed = defaults.get(0) > defaults.get(1); // defaults are (0.9, 0.999)
        betas.put(reversed ? 1 : 0, beta1).put(reversed ? 0 : 1, beta2);
    }

    private AdamWOptions adamWOptions() {
        AdamWOptions o = new AdamWOptions(learningRate);
        putBetas(o.betas(), new AdamWOptions(1.0).betas());
        o.eps().put(eps);
        o.weight_decay().put(weightDecay);
        return o;
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new InvalidInputException("optimizer: " + what + " must be > 0, got " + v);
        }
    }
}
