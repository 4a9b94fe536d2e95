package io.github.mongeot.experiments.neuralot;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * Early stopping by model selection: keeps a copy of the parameters at the checkpoint with the
 * lowest validation value seen so far, and copies it back into the network at the end. The value
 * must come from data disjoint from both the training and the test data (the test metric is then
 * an honest estimate for the selected parameters). Ties keep the earlier checkpoint; non-finite
 * values are never selected.
 */
public final class BestCheckpoint {
    private final List<Tensor> best = new ArrayList<>();
    private double bestValue = Double.POSITIVE_INFINITY;
    private long bestStep = -1;

    /** Records {@code value} at {@code step}; copies {@code parameters} if it is the lowest so far. Returns whether it was. */
    @SuppressWarnings("try")
    public boolean offer(long step, double value, List<Tensor> parameters) {
        if (!(value < bestValue)) {
            return false;
        }
        try (NoGradGuard noGrad = new NoGradGuard()) {
            if (best.isEmpty()) {
                for (Tensor p : parameters) {
                    // offer() may run inside a caller's PointerScope (e.g. an estimator's evaluation
                    // callback): keep an owning reference so that closing that scope does not free the copy.
                    Tensor copy = p.detach().clone();
                    copy.retainReference();
                    best.add(copy);
                }
            } else {
                if (best.size() != parameters.size()) {
                    throw new IllegalArgumentException("best checkpoint: " + parameters.size() + " parameter tensors, expected " + best.size());
                }
                for (int i = 0; i < best.size(); i++) {
                    best.get(i).copy_(parameters.get(i).detach());
                }
            }
        }
        bestValue = value;
        bestStep = step;
        return true;
    }

    /** Copies the kept parameters into {@code parameters} (same order as offered); false if nothing was kept. */
    @SuppressWarnings("try")
    public boolean restore(List<Tensor> parameters) {
        if (best.isEmpty()) {
            return false;
        }
        if (best.size() != parameters.size()) {
            throw new IllegalArgumentException("best checkpoint: " + parameters.size() + " parameter tensors, expected " + best.size());
        }
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (int i = 0; i < best.size(); i++) {
                parameters.get(i).copy_(best.get(i));
            }
        }
        return true;
    }

    /** The lowest value offered (+∞ if none was finite). */
    public double bestValue() {
        return bestValue;
    }

    /** The step of the lowest value (−1 if none). */
    public long bestStep() {
        return bestStep;
    }
}
