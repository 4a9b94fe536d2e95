package io.github.mongeot.experiments.w2bench;

import java.util.function.UnaryOperator;

/**
 * An estimator the W2 benchmark scores: a name (used in metric keys, {@code l2uvp_NAME_d2}) and a
 * fitting function from samples of P and Q to its forward map and, where the method has one, its
 * inverse.
 */
public record BenchmarkEstimator(String name, Fit fit) {
    /** Fits on source and target samples; {@code quick} asks for the short configuration. */
    @FunctionalInterface
    public interface Fit {
        Fitted fit(double[][] source, double[][] target, long seed, boolean quick);
    }

    /** A fitted map: forward always, inverse may be null. */
    public record Fitted(UnaryOperator<double[][]> forward, UnaryOperator<double[][]> inverse) {
    }
}
