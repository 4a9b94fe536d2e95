package io.github.mongeot.nn.train;

/**
 * A learning-rate multiplier as a function of the step (0-based); the optimiser's groups run at
 * base rate × factor(step).
 */
@FunctionalInterface
public interface LearningRateSchedule {
    double factor(long step);

    static LearningRateSchedule constant() {
        return step -> 1.0;
    }

    /**
     * Cosine annealing from 1 to {@code finalFactor} over {@code totalSteps} (Loshchilov &amp; Hutter
     * 2017, without restarts); constant at {@code finalFactor} afterwards.
     */
    static LearningRateSchedule cosine(long totalSteps, double finalFactor) {
        if (totalSteps < 1) {
            throw new IllegalArgumentException("cosine schedule needs totalSteps >= 1, got " + totalSteps);
        }
        return step -> {
            double progress = Math.min(1.0, (double) step / totalSteps);
            return finalFactor + (1 - finalFactor) * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }

    /** factor = gamma^step. */
    static LearningRateSchedule exponential(double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("exponential schedule needs 0 < gamma <= 1, got " + gamma);
        }
        return step -> Math.pow(gamma, step);
    }

    /** factor = gamma^⌊step / every⌋. */
    static LearningRateSchedule stepDecay(long every, double gamma) {
        if (every < 1 || !(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("step decay needs every >= 1 and 0 < gamma <= 1, got " + every + ", " + gamma);
        }
        return step -> Math.pow(gamma, step / every);
    }

    /** Linear warm-up from 1/warmupSteps to this schedule's value over the first {@code warmupSteps} steps. */
    default LearningRateSchedule withWarmup(long warmupSteps) {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        }
        return step -> step < warmupSteps ? factor(step) * (step + 1) / (double) warmupSteps : factor(step);
    }
}
