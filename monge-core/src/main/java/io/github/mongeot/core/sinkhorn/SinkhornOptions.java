package io.github.mongeot.core.sinkhorn;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;

/**
 * Settings of a Sinkhorn solve. Immutable: every {@code withX} returns a changed copy.
 *
 * <p>Defaults: relative ε 0.05 (ε = 0.05 · mean(C), OTT's default), L1 marginal threshold 1e-6,
 * 2000 iterations, error checked every 10 iterations, no ε-scaling, no warm start, float64,
 * {@link SinkhornMode#AUTO}, adaptive over-relaxation.
 */
public final class SinkhornOptions {
    private static final SinkhornOptions DEFAULTS = new SinkhornOptions(Double.NaN, 0.05, 1e-6, 2000, 10,
            1.0, 0.5, null, null, DType.FLOAT64, SinkhornMode.AUTO, Double.NaN, Double.NaN);

    private final double epsilon;
    private final double epsilonRel;
    private final double threshold;
    private final int maxIterations;
    private final int checkEvery;
    private final double scalingStart;
    private final double scalingFactor;
    private final double[] initialF;
    private final double[] initialG;
    private final DType dtype;
    private final SinkhornMode mode;
    private final double absorbBound;
    private final double overrelaxation;

    private SinkhornOptions(double epsilon, double epsilonRel, double threshold, int maxIterations, int checkEvery,
            double scalingStart, double scalingFactor, double[] initialF, double[] initialG, DType dtype,
            SinkhornMode mode, double absorbBound, double overrelaxation) {
        this.epsilon = epsilon;
        this.epsilonRel = epsilonRel;
        this.threshold = threshold;
        this.maxIterations = maxIterations;
        this.checkEvery = checkEvery;
        this.scalingStart = scalingStart;
        this.scalingFactor = scalingFactor;
        this.initialF = initialF;
        this.initialG = initialG;
        this.dtype = dtype;
        this.mode = mode;
        this.absorbBound = absorbBound;
        this.overrelaxation = overrelaxation;
    }

    public static SinkhornOptions defaults() {
        return DEFAULTS;
    }

    /** An absolute ε (replaces any relative ε). */
    public SinkhornOptions withEpsilon(double epsilon) {
        positive("epsilon", epsilon);
        return new SinkhornOptions(epsilon, Double.NaN, threshold, maxIterations, checkEvery, scalingStart,
                scalingFactor, initialF, initialG, dtype, mode, absorbBound, overrelaxation);
    }

    /** A relative ε: ε = epsilonRel · mean(C), the mean treated as a constant (replaces any absolute ε). */
    public SinkhornOptions withEpsilonRel(double epsilonRel) {
        positive("epsilon-rel", epsilonRel);
        return new SinkhornOptions(Double.NaN, epsilonRel, threshold, maxIterations, checkEvery, scalingStart,
                scalingFactor, initialF, initialG, dtype, mode, absorbBound, overrelaxation);
    }

    /** Stop when the L1 row-marginal error ‖P1 − a‖₁ (columns are exact after a g-update) is below this. */
    public SinkhornOptions withThreshold(double threshold) {
        positive("threshold", threshold);
        return new SinkhornOptions(epsilon, epsilonRel, threshold, maxIterations, checkEvery, scalingStart,
                scalingFactor, initialF, initialG, dtype, mode, absorbBound, overrelaxation);
    }

    public SinkhornOptions withMaxIterations(int maxIterations) {
        if (maxIterations < 1) {
            throw new InvalidInputException("max-iter must be >= 1, got " + maxIterations);
        }
        return new SinkhornOptions(epsilon, epsilonRel, threshold, maxIterations, checkEvery, scalingStart,
                scalingFactor, initialF, initialG, dtype, mode, absorbBound, overrelaxation);
    }

    /** Measure the marginal error every {@code k} iterations (each check synchronises; OTT also uses 10). */
    public SinkhornOptions withCheckEvery(int k) {
        if (k < 1) {
            throw new InvalidInputException("check-every must be >= 1, got " + k);
        }
        return new SinkhornOptions(epsilon, epsilonRel, threshold, maxIterations, k, scalingStart,
                scalingFactor, initialF, initialG, dtype, mode, absorbBound, overrelaxation);
    }

    /**
     * ε-scaling: solve first with ε₀ = {@code startMultiple} · ε, then ε_{k+1} = max(ε, factor · ε_k),
     * each stage warm-started from the last. Intermediate stages stop at a loose error (1e-3 or the
     * threshold if larger); the last stage runs to the threshold. {@code startMultiple = 1} turns it off.
     */
    public SinkhornOptions withEpsilonScaling(double startMultiple, double factor) {
        if (!(startMultiple >= 1) || !Double.isFinite(startMultiple)) {
            throw new InvalidInputException("epsilon-scaling start must be a finite multiple >= 1, got " + startMultiple);
        }
        if (!(factor > 0 && factor < 1)) {
            throw new InvalidInputException("epsilon-scaling factor must be in (0, 1), got " + factor);
        }
        return new SinkhornOptions(epsilon, epsilonRel, threshold, maxIterations, checkEvery, startMultiple,
                factor, initialF, initialG, dtype, mode, absorbBound, overrelaxation);
    }

    /** Warm start from dual potentials (f, g) of a previous solve (lengths n and m; copied). */
    public SinkhornOptions withWarmStart(double[] f, double[] g) {
        if (f == null || g == null) {
            return new SinkhornOptions(epsilon, epsilonRel, threshold, maxIterations, checkEvery, scalingStart,
                    scalingFactor, null, null, dtype, mode, absorbBound, overrelaxation);
        }
        finite("warm-start f", f);
        finite("warm-start g", g);
        return new SinkhornOptions(epsilon, epsilonRel, threshold, maxIterations, checkEvery, scalingStart,
                scalingFactor, f.clone(), g.clone(), dtype, mode, absorbBound, overrelaxation);
    }

    public SinkhornOptions withDType(DType dtype) {
        return new SinkhornOptions(epsilon, epsilonRel, threshold, maxIterations, checkEvery, scalingStart,
                scalingFactor, initialF, initialG, dtype, mode, absorbBound, overrelaxation);
    }

    public SinkhornOptions withMode(SinkhornMode mode) {
        return new SinkhornOptions(epsilon, epsilonRel, threshold, maxIterations, checkEvery, scalingStart,
                scalingFactor, initialF, initialG, dtype, mode, absorbBound, overrelaxation);
    }

    /**
     * Scaling mode: absorb u, v into the potentials once max|log u| or max|log v| exceeds this bound
     * (default 50 in float64, 15 in float32).
     */
    public SinkhornOptions withAbsorbBound(double bound) {
        positive("absorb bound", bound);
        return new SinkhornOptions(epsilon, epsilonRel, threshold, maxIterations, checkEvery, scalingStart,
                scalingFactor, initialF, initialG, dtype, mode, bound, overrelaxation);
    }

    /**
     * Over-relaxation ω in (0, 2): each potential moves to (1 − ω)·old + ω·(Sinkhorn update); 1 is
     * plain Sinkhorn. Same solution, fewer iterations for ω near the optimum (see Overrelaxation).
     */
    public SinkhornOptions withOverrelaxation(double omega) {
        if (!(omega > 0 && omega < 2)) {
            throw new InvalidInputException("overrelaxation must be in (0, 2), got " + omega);
        }
        return copyWithOverrelaxation(omega);
    }

    /** Over-relaxation with ω chosen from the observed convergence rate, per ε stage (see Overrelaxation). */
    public SinkhornOptions withAdaptiveOverrelaxation() {
        return copyWithOverrelaxation(Double.NaN);
    }

    private SinkhornOptions copyWithOverrelaxation(double omega) {
        return new SinkhornOptions(epsilon, epsilonRel, threshold, maxIterations, checkEvery, scalingStart,
                scalingFactor, initialF, initialG, dtype, mode, absorbBound, omega);
    }

    /** ω, or NaN for adaptive. */
    public double overrelaxation() {
        return overrelaxation;
    }

    /** True when ε is given relative to mean(C). */
    public boolean isRelative() {
        return Double.isNaN(epsilon);
    }

    /** The absolute ε, or NaN when relative. */
    public double epsilon() {
        return epsilon;
    }

    /** The relative ε, or NaN when absolute. */
    public double epsilonRel() {
        return epsilonRel;
    }

    /** ε for a cost matrix of the given mean. */
    public double resolveEpsilon(double meanCost) {
        double eps = isRelative() ? epsilonRel * meanCost : epsilon;
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new InvalidInputException("epsilon must be positive: relative epsilon " + epsilonRel
                    + " times mean cost " + meanCost + " gives " + eps);
        }
        return eps;
    }

    public double threshold() {
        return threshold;
    }

    public int maxIterations() {
        return maxIterations;
    }

    public int checkEvery() {
        return checkEvery;
    }

    public double scalingStart() {
        return scalingStart;
    }

    public double scalingFactor() {
        return scalingFactor;
    }

    public boolean hasEpsilonScaling() {
        return scalingStart > 1;
    }

    /** The warm-start f (a copy) or null. */
    public double[] initialF() {
        return initialF == null ? null : initialF.clone();
    }

    /** The warm-start g (a copy) or null. */
    public double[] initialG() {
        return initialG == null ? null : initialG.clone();
    }

    public DType dtype() {
        return dtype;
    }

    public SinkhornMode mode() {
        return mode;
    }

    public double absorbBound() {
        if (!Double.isNaN(absorbBound)) {
            return absorbBound;
        }
        return dtype == DType.FLOAT64 ? 50 : 15;
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidInputException(name + " must be a positive finite number, got " + value);
        }
    }

    private static void finite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidInputException(name + ": entry " + (i + 1) + " is " + values[i]);
            }
        }
    }
}
