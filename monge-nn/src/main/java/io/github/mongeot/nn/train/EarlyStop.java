package io.github.mongeot.nn.train;

import java.util.Map;

/** Decides after each step whether training should stop early. */
@FunctionalInterface
public interface EarlyStop {
    /**
     * @param step    the step just completed (0-based)
     * @param loss    its loss
     * @param metrics the latest evaluation metrics (empty before the first evaluation)
     * @param evaluatedNow whether {@code metrics} were computed at this step
     */
    boolean shouldStop(long step, double loss, Map<String, Double> metrics, boolean evaluatedNow);

    /**
     * Stops when evaluation metric {@code metric} (lower is better) has not improved by more than
     * {@code minDelta} for {@code patience} consecutive evaluations. Keeps state: use one per run.
     */
    static EarlyStop noImprovement(String metric, int patience, double minDelta) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        return new EarlyStop() {
            private double best = Double.POSITIVE_INFINITY;
            private int bad;

            @Override
            public boolean shouldStop(long step, double loss, Map<String, Double> metrics, boolean evaluatedNow) {
                Double value = metrics.get(metric);
                if (!evaluatedNow || value == null) {
                    return false;
                }
                if (value < best - minDelta) {
                    best = value;
                    bad = 0;
                } else {
                    bad++;
                }
                return bad >= patience;
            }
        };
    }
}
