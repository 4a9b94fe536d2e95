package io.github.mongeot.experiments.lagrangian;

import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoint selection of the NLOT reference code (train_ot.py): the marginal W2 is evaluated every
 * {@code eval_frequency} steps on one fixed evaluation set, and the best value is kept only for evaluations after
 * the potential's annealing ({@code train_step > anneal_geometry_steps}) and only when strictly lower than the best
 * so far (a NaN never replaces it). Every evaluation is kept in the history.
 */
final class BestOverEvals {
    private final long annealSteps;
    private final List<double[]> history = new ArrayList<>();
    private double best = Double.NaN;
    private long bestStep = -1;

    BestOverEvals(long annealSteps) {
        this.annealSteps = annealSteps;
    }

    void record(long step, double value) {
        history.add(new double[] {step, value});
        if (step > annealSteps && (value < best || (Double.isNaN(best) && !Double.isNaN(value)))) {
            best = value;
            bestStep = step;
        }
    }

    /** The best eligible value, NaN if no evaluation was eligible. */
    double best() {
        return best;
    }

    /** The step of the best eligible value, −1 if none. */
    long bestStep() {
        return bestStep;
    }

    /** The last recorded value (NaN if none). */
    double last() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1)[1];
    }

    /** {step, value} of every evaluation in order. */
    List<double[]> history() {
        return List.copyOf(history);
    }
}
