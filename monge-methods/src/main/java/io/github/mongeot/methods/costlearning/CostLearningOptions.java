package io.github.mongeot.methods.costlearning;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.List;

/**
 * Settings of a {@link CostLearningEstimator} (Howard et al. 2024, §4 and Appendices C–D).
 *
 * @param hidden            hidden widths of the ICNN h ([32, 32] for 2-D toys, [64, 64] in 3-D)
 * @param alpha             strong convexity α of h (0.01)
 * @param flows             none, shared or separate MAF flows
 * @param flowLayers        MADE transforms per flow (4)
 * @param flowHidden        hidden widths of each MADE ([64, 64])
 * @param steps             Adam updates (500)
 * @param learningRate      Adam's learning rate for h (and for trainable tensors of the losses)
 * @param flowLearningRate  Adam's learning rate for the flows
 * @param epsilonRelStart   ε relative to mean(C) at the first step
 * @param epsilonRelEnd     ε_rel at the last step (geometric decay in between; equal: constant)
 * @param threshold         Sinkhorn marginal-error threshold (1e-6)
 * @param seed              seeds the networks and libtorch's generator
 * @param dtype             precision of the pass of h and ∇h over the n·m pair differences (and its backward):
 *                          float32 halves its memory traffic; h's parameters, Sinkhorn, (∇h)⁻¹ and the maps
 *                          stay float64 ({@link LearnedCost#withPairPrecision})
 */
public record CostLearningOptions(List<Integer> hidden, double alpha, FlowMode flows, int flowLayers,
        List<Integer> flowHidden, long steps, double learningRate, double flowLearningRate, double epsilonRelStart,
        double epsilonRelEnd, double threshold, long seed, io.github.mongeot.core.engine.DType dtype) {

    public CostLearningOptions {
        hidden = List.copyOf(hidden);
        flowHidden = List.copyOf(flowHidden);
        widths(hidden, "hidden");
        widths(flowHidden, "flow hidden");
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new InvalidInputException("cost-learning alpha must be > 0 (h must be strongly convex), got " + alpha);
        }
        if (flows == null) {
            throw new InvalidInputException("cost-learning flows must be none, shared or separate");
        }
        if (flowLayers < 1) {
            throw new InvalidInputException("cost-learning flow layers must be >= 1, got " + flowLayers);
        }
        if (steps < 0) {
            throw new InvalidInputException("cost-learning steps must be >= 0, got " + steps);
        }
        positive(learningRate, "learning rate");
        positive(flowLearningRate, "flow learning rate");
        positive(epsilonRelStart, "epsilon-rel start");
        positive(epsilonRelEnd, "epsilon-rel end");
        positive(threshold, "Sinkhorn threshold");
        if (dtype == null) {
            throw new InvalidInputException("cost-learning dtype must be float32 or float64");
        }
    }

    /** [32, 32], α = 0.01, no flows, 4 × MADE(64, 64), 500 steps, lr 3e-3 (flows 1e-3), ε_rel 0.01, threshold 1e-6, seed 0, float64. */
    public static CostLearningOptions defaults() {
        return new CostLearningOptions(List.of(32, 32), 0.01, FlowMode.NONE, 4, List.of(64, 64), 500, 3e-3, 1e-3,
                0.01, 0.01, 1e-6, 0L, io.github.mongeot.core.engine.DType.FLOAT64);
    }

    /** ε_rel at step s of the geometric schedule from {@link #epsilonRelStart} to {@link #epsilonRelEnd}. */
    public double epsilonRel(long step) {
        if (steps <= 1 || epsilonRelStart == epsilonRelEnd) {
            return epsilonRelEnd;
        }
        double t = Math.min(1.0, step / (double) (steps - 1));
        return epsilonRelStart * Math.pow(epsilonRelEnd / epsilonRelStart, t);
    }

    public CostLearningOptions withHidden(List<Integer> v) {
        return new CostLearningOptions(v, alpha, flows, flowLayers, flowHidden, steps, learningRate, flowLearningRate,
                epsilonRelStart, epsilonRelEnd, threshold, seed, dtype);
    }

    public CostLearningOptions withAlpha(double v) {
        return new CostLearningOptions(hidden, v, flows, flowLayers, flowHidden, steps, learningRate, flowLearningRate,
                epsilonRelStart, epsilonRelEnd, threshold, seed, dtype);
    }

    public CostLearningOptions withFlows(FlowMode v) {
        return new CostLearningOptions(hidden, alpha, v, flowLayers, flowHidden, steps, learningRate, flowLearningRate,
                epsilonRelStart, epsilonRelEnd, threshold, seed, dtype);
    }

    public CostLearningOptions withFlowArchitecture(int layers, List<Integer> widths) {
        return new CostLearningOptions(hidden, alpha, flows, layers, widths, steps, learningRate, flowLearningRate,
                epsilonRelStart, epsilonRelEnd, threshold, seed, dtype);
    }

    public CostLearningOptions withSteps(long v) {
        return new CostLearningOptions(hidden, alpha, flows, flowLayers, flowHidden, v, learningRate, flowLearningRate,
                epsilonRelStart, epsilonRelEnd, threshold, seed, dtype);
    }

    public CostLearningOptions withLearningRates(double h, double flow) {
        return new CostLearningOptions(hidden, alpha, flows, flowLayers, flowHidden, steps, h, flow,
                epsilonRelStart, epsilonRelEnd, threshold, seed, dtype);
    }

    public CostLearningOptions withEpsilonRel(double start, double end) {
        return new CostLearningOptions(hidden, alpha, flows, flowLayers, flowHidden, steps, learningRate, flowLearningRate,
                start, end, threshold, seed, dtype);
    }

    public CostLearningOptions withThreshold(double v) {
        return new CostLearningOptions(hidden, alpha, flows, flowLayers, flowHidden, steps, learningRate, flowLearningRate,
                epsilonRelStart, epsilonRelEnd, v, seed, dtype);
    }

    public CostLearningOptions withSeed(long v) {
        return new CostLearningOptions(hidden, alpha, flows, flowLayers, flowHidden, steps, learningRate, flowLearningRate,
                epsilonRelStart, epsilonRelEnd, threshold, v, dtype);
    }

    public CostLearningOptions withDtype(io.github.mongeot.core.engine.DType v) {
        return new CostLearningOptions(hidden, alpha, flows, flowLayers, flowHidden, steps, learningRate, flowLearningRate,
                epsilonRelStart, epsilonRelEnd, threshold, seed, v);
    }

    private static void widths(List<Integer> w, String what) {
        if (w.isEmpty()) {
            throw new InvalidInputException("cost-learning " + what + ": at least one layer is needed");
        }
        for (int v : w) {
            if (v < 1) {
                throw new InvalidInputException("cost-learning " + what + ": widths must be >= 1, got " + w);
            }
        }
    }

    private static void positive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new InvalidInputException("cost-learning " + what + " must be > 0, got " + v);
        }
    }
}
