package io.github.mongeot.methods.w2gn;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import java.util.List;

/**
 * Settings of a {@link W2gnEstimator}.
 *
 * @param hidden       hidden widths of both ICNN potentials ψ and ψ̄
 * @param steps        Adam updates (each on one minibatch from each cloud)
 * @param batchSize    points drawn (with replacement, by weight) from each cloud per step
 * @param learningRate Adam's learning rate, shared by both networks
 * @param lambdaCycle  weight λ of the cycle-consistency term E‖∇ψ(∇ψ̄(y)) − y‖²
 * @param seed         seeds the networks' initial weights and libtorch's generator (minibatches)
 * @param dtype        precision of the networks and of training
 */
public record W2gnOptions(List<Integer> hidden, long steps, int batchSize, double learningRate, double lambdaCycle,
        long seed, DType dtype) {

    public W2gnOptions {
        if (hidden == null || hidden.isEmpty()) {
            throw new InvalidInputException("w2gn hidden: at least one hidden layer is needed");
        }
        hidden = List.copyOf(hidden);
        for (int h : hidden) {
            if (h < 1) {
                throw new InvalidInputException("w2gn hidden: widths must be >= 1, got " + hidden);
            }
        }
        if (steps < 1) {
            throw new InvalidInputException("w2gn steps must be >= 1, got " + steps);
        }
        if (batchSize < 1) {
            throw new InvalidInputException("w2gn batch size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidInputException("w2gn learning rate must be > 0, got " + learningRate);
        }
        if (!(lambdaCycle > 0) || !Double.isFinite(lambdaCycle)) {
            throw new InvalidInputException("w2gn cycle weight lambda must be > 0, got " + lambdaCycle);
        }
        if (dtype == null) {
            throw new InvalidInputException("w2gn dtype must be float32 or float64");
        }
    }

    /**
     * Two hidden layers of 64, 5000 steps, batch 1024, lr 1e-3, λ = 5, seed 0, float32. λ must be
     * large enough: near the optimum the ψ̄-part of the loss is −½δᵀHδ + λ‖Hδ‖² for a deviation δ
     * of ∇ψ̄ from the inverse (H = ∇²ψ), which has a minimum at δ = 0 only if λ &gt; 1/(2 h_min);
     * the clouds are standardised (unit variance per coordinate), so for maps that do not shrink
     * any direction by much more than 10× λ = 5 clears the bound. (On the test pair h_min ≈ 0.7; in
     * early runs λ = 1 left the inverse map far off while λ = 5 trained well.)
     */
    public static W2gnOptions defaults() {
        return new W2gnOptions(List.of(64, 64), 5000, 1024, 1e-3, 5.0, 0L, DType.FLOAT32);
    }

    public W2gnOptions withHidden(List<Integer> value) {
        return new W2gnOptions(value, steps, batchSize, learningRate, lambdaCycle, seed, dtype);
    }

    public W2gnOptions withSteps(long value) {
        return new W2gnOptions(hidden, value, batchSize, learningRate, lambdaCycle, seed, dtype);
    }

    public W2gnOptions withBatchSize(int value) {
        return new W2gnOptions(hidden, steps, value, learningRate, lambdaCycle, seed, dtype);
    }

    public W2gnOptions withLearningRate(double value) {
        return new W2gnOptions(hidden, steps, batchSize, value, lambdaCycle, seed, dtype);
    }

    public W2gnOptions withLambdaCycle(double value) {
        return new W2gnOptions(hidden, steps, batchSize, learningRate, value, seed, dtype);
    }

    public W2gnOptions withSeed(long value) {
        return new W2gnOptions(hidden, steps, batchSize, learningRate, lambdaCycle, value, dtype);
    }

    public W2gnOptions withDtype(DType value) {
        return new W2gnOptions(hidden, steps, batchSize, learningRate, lambdaCycle, seed, value);
    }
}
