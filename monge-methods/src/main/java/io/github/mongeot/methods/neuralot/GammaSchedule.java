package io.github.mongeot.methods.neuralot;

import io.github.mongeot.core.data.InvalidInputException;

/**
 * The γ of the γ-weak cost as a function of the potential-step count: constant, or ramped
 * linearly from 0 to its final value over the first {@code rampSteps} f-steps (the "dynamic weak
 * cost" of the report's appendix C: 0 → 2/3 over 3000 f-steps). A negative final γ is the report's
 * variance penalty (γ_NOT = −2λ for a penalty λVar); ramping it anneals the penalty upward.
 *
 * @param gamma     final value of γ (any finite real; γ &lt; 0 penalises the conditional variance)
 * @param rampSteps f-steps over which γ grows linearly from 0 (0: constant from the start)
 */
public record GammaSchedule(double gamma, long rampSteps) {
    public GammaSchedule {
        if (!Double.isFinite(gamma)) {
            throw new InvalidInputException("neural-ot gamma must be finite, got " + gamma);
        }
        if (rampSteps < 0) {
            throw new InvalidInputException("neural-ot gamma ramp must be >= 0 steps, got " + rampSteps);
        }
    }

    public static GammaSchedule constant(double gamma) {
        return new GammaSchedule(gamma, 0);
    }

    public static GammaSchedule linearRamp(double gamma, long rampSteps) {
        return new GammaSchedule(gamma, rampSteps);
    }

    /**
     * The variance penalty λ·Var(ρ) of the report's cost C̃ (eq. 11) with c = ½‖x − y‖²: the γ-weak
     * cost with γ = −2λ, annealed from 0 over {@code rampSteps}.
     */
    public static GammaSchedule variancePenalty(double lambda, long rampSteps) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new InvalidInputException("neural-ot variance penalty must be >= 0, got " + lambda);
        }
        return new GammaSchedule(-2 * lambda, rampSteps);
    }

    /** γ after {@code potentialStep} f-steps. */
    public double at(long potentialStep) {
        if (rampSteps == 0 || potentialStep >= rampSteps) {
            return gamma;
        }
        return gamma * Math.max(0, potentialStep) / rampSteps;
    }
}
