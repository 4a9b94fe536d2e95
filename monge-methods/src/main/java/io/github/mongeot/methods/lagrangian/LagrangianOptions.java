package io.github.mongeot.methods.lagrangian;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import java.util.List;

/**
 * Settings of Algorithm 1 (Pooladian et al. 2024, appendix D, scaled down for a CPU):
 * spline knots and time points, the widths of g_θ, y_ζ and φ_η, steps, batch, learning rates (Adam,
 * cosine decay to a tenth for g and y), per-row Newton iterations of the c-transform (the paper: 20 L-BFGS), and the number of steps
 * over which the potential's strength and sharpness are annealed.
 */
public record LagrangianOptions(int knots, int times, List<Integer> potentialHidden, List<Integer> predictorHidden,
        List<Integer> splineHidden, long steps, int batchSize, double learningRate, double splineLearningRate,
        int newtonIterations, long annealSteps, long seed, DType dtype) {
    public LagrangianOptions {
        potentialHidden = List.copyOf(potentialHidden);
        predictorHidden = List.copyOf(predictorHidden);
        splineHidden = List.copyOf(splineHidden);
        if (knots < 3) {
            throw new InvalidInputException("--knots must be >= 3, got " + knots);
        }
        if (times < 2) {
            throw new InvalidInputException("--times must be >= 2, got " + times);
        }
        if (steps < 0) {
            throw new InvalidInputException("--steps must be >= 0, got " + steps);
        }
        if (batchSize < 1) {
            throw new InvalidInputException("--batch must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !(splineLearningRate > 0)) {
            throw new InvalidInputException("learning rates must be > 0, got " + learningRate + " and " + splineLearningRate);
        }
        if (newtonIterations < 0) {
            throw new InvalidInputException("--newton-iterations must be >= 0, got " + newtonIterations);
        }
        if (annealSteps < 0) {
            throw new InvalidInputException("--anneal-steps must be >= 0, got " + annealSteps);
        }
    }

    /** 30 knots, 20 times, g and y [64 × 4], φ [256, 256], 4000 steps of 256, lr 1e-3, 5 Newton iterations, annealing over 2000 steps. */
    public static LagrangianOptions defaults() {
        return new LagrangianOptions(30, 20, List.of(64, 64, 64, 64), List.of(64, 64, 64, 64), List.of(256, 256),
                4000, 256, 1e-3, 1e-3, 5, 2000, 0, DType.FLOAT64);
    }

    public LagrangianOptions withSteps(long value) {
        return new LagrangianOptions(knots, times, potentialHidden, predictorHidden, splineHidden, value, batchSize, learningRate,
                splineLearningRate, newtonIterations, annealSteps, seed, dtype);
    }

    public LagrangianOptions withBatchSize(int value) {
        return new LagrangianOptions(knots, times, potentialHidden, predictorHidden, splineHidden, steps, value, learningRate,
                splineLearningRate, newtonIterations, annealSteps, seed, dtype);
    }

    public LagrangianOptions withSplineHidden(List<Integer> value) {
        return new LagrangianOptions(knots, times, potentialHidden, predictorHidden, value, steps, batchSize, learningRate,
                splineLearningRate, newtonIterations, annealSteps, seed, dtype);
    }

    public LagrangianOptions withHidden(List<Integer> value) {
        return new LagrangianOptions(knots, times, value, value, splineHidden, steps, batchSize, learningRate,
                splineLearningRate, newtonIterations, annealSteps, seed, dtype);
    }

    public LagrangianOptions withLearningRates(double value, double spline) {
        return new LagrangianOptions(knots, times, potentialHidden, predictorHidden, splineHidden, steps, batchSize, value,
                spline, newtonIterations, annealSteps, seed, dtype);
    }

    public LagrangianOptions withNewtonIterations(int value) {
        return new LagrangianOptions(knots, times, potentialHidden, predictorHidden, splineHidden, steps, batchSize, learningRate,
                splineLearningRate, value, annealSteps, seed, dtype);
    }

    public LagrangianOptions withAnnealSteps(long value) {
        return new LagrangianOptions(knots, times, potentialHidden, predictorHidden, splineHidden, steps, batchSize, learningRate,
                splineLearningRate, newtonIterations, value, seed, dtype);
    }

    public LagrangianOptions withKnots(int value) {
        return new LagrangianOptions(value, times, potentialHidden, predictorHidden, splineHidden, steps, batchSize, learningRate,
                splineLearningRate, newtonIterations, annealSteps, seed, dtype);
    }

    public LagrangianOptions withTimes(int value) {
        return new LagrangianOptions(knots, value, potentialHidden, predictorHidden, splineHidden, steps, batchSize, learningRate,
                splineLearningRate, newtonIterations, annealSteps, seed, dtype);
    }

    public LagrangianOptions withSeed(long value) {
        return new LagrangianOptions(knots, times, potentialHidden, predictorHidden, splineHidden, steps, batchSize, learningRate,
                splineLearningRate, newtonIterations, annealSteps, value, dtype);
    }

    public LagrangianOptions withDtype(DType value) {
        return new LagrangianOptions(knots, times, potentialHidden, predictorHidden, splineHidden, steps, batchSize, learningRate,
                splineLearningRate, newtonIterations, annealSteps, seed, value);
    }

    /** Strength of the potential at a step: sigmoid(10(s − ½)), s = step/annealSteps capped at 1 (1 without annealing). */
    public double strength(long step) {
        if (annealSteps == 0 || step >= annealSteps) {
            return 1.0;
        }
        double s = Math.min(1.0, (double) step / annealSteps);
        return 1 / (1 + Math.exp(-10 * (s - 0.5)));
    }

    /** Sharpness τ at a step: from the potential's start to its end value as the strength rises. */
    public double sharpness(Potential potential, long step) {
        double w = strength(step);
        return potential.sharpnessStart() + (potential.sharpnessEnd() - potential.sharpnessStart()) * w;
    }
}
