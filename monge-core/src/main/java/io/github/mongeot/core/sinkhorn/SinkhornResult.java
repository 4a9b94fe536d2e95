package io.github.mongeot.core.sinkhorn;

import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * The outcome of a Sinkhorn solve: dual potentials, values, and a convergence report.
 *
 * <p>Ownership: {@link #f()}, {@link #g()}, {@link #sourceWeights()} and {@link #targetWeights()}
 * are plain Java copies. The result keeps one native reference to the cost matrix it was solved on
 * (in the solve's dtype) so that {@link #plan()} can be formed on demand; it is released when this
 * object is garbage-collected, or at once by {@link #releasePlanData()}.
 */
public final class SinkhornResult {
    private final double[] f;
    private final double[] g;
    private final double[] a;
    private final double[] b;
    private final double epsilon;
    private final double cost;
    private final double regularizedCost;
    private final double dualValue;
    private final double marginalError;
    private final int iterations;
    private final int logIterations;
    private final int absorptions;
    private final boolean converged;
    private final SinkhornMode mode;
    private final double seconds;
    private Tensor costMatrix;

    SinkhornResult(double[] f, double[] g, double[] a, double[] b, double epsilon, double cost,
            double regularizedCost, double dualValue, double marginalError, int iterations, int logIterations,
            int absorptions, boolean converged, SinkhornMode mode, double seconds, Tensor costMatrix) {
        this.f = f;
        this.g = g;
        this.a = a;
        this.b = b;
        this.epsilon = epsilon;
        this.cost = cost;
        this.regularizedCost = regularizedCost;
        this.dualValue = dualValue;
        this.marginalError = marginalError;
        this.iterations = iterations;
        this.logIterations = logIterations;
        this.absorptions = absorptions;
        this.converged = converged;
        this.mode = mode;
        this.seconds = seconds;
        this.costMatrix = costMatrix;
    }

    /** Source potential f (length n, a copy), in cost units: P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε). */
    public double[] f() {
        return f.clone();
    }

    /** Target potential g (length m, a copy); what the entropic map estimator needs. */
    public double[] g() {
        return g.clone();
    }

    public double[] sourceWeights() {
        return a.clone();
    }

    public double[] targetWeights() {
        return b.clone();
    }

    /** The ε actually used (after resolving a relative ε; the last stage of ε-scaling). */
    public double epsilon() {
        return epsilon;
    }

    /** Transport cost ⟨P, C⟩ of the returned plan (POT's {@code sinkhorn2} value). */
    public double cost() {
        return cost;
    }

    /**
     * Regularised cost ⟨P, C⟩ + ε KL(P ‖ a⊗b), evaluated exactly on the returned plan (primal value; KL
     * in its generalised form Σ P log(P/ab) − Σ P + 1). Equals {@link #dualValue()} at convergence; the
     * gap is about ⟨f, P1 − a⟩. This is OTT's {@code reg_ot_cost} convention.
     */
    public double regularizedCost() {
        return regularizedCost;
    }

    /** Dual value ⟨f, a⟩ + ⟨g, b⟩ (Σ P = 1 after a g-update, so the dual's exponential term vanishes). */
    public double dualValue() {
        return dualValue;
    }

    /** ‖P1 − a‖₁ of the returned plan (its column marginal is exact up to rounding). */
    public double marginalError() {
        return marginalError;
    }

    /** Total (f, g) updates over all ε-scaling stages. */
    public int iterations() {
        return iterations;
    }

    /** How many of the iterations ran in the log domain (AUTO falls back there when scaling fails). */
    public int logIterations() {
        return logIterations;
    }

    /** How many times scalings were absorbed into the potentials (scaling mode). */
    public int absorptions() {
        return absorptions;
    }

    /** True when the marginal error fell below the threshold; false means the iteration cap stopped it. */
    public boolean converged() {
        return converged;
    }

    /** The mode that ran the last iterations ({@link SinkhornMode#LOG}, {@link SinkhornMode#SCALING} or {@link SinkhornMode#ONLINE}). */
    public SinkhornMode mode() {
        return mode;
    }

    /** Wall-clock seconds of the solve (not counting building the cost matrix). */
    public double seconds() {
        return seconds;
    }

    public int sourceSize() {
        return f.length;
    }

    public int targetSize() {
        return g.length;
    }

    /** The dense plan P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε) as an n × m array (computed on demand). */
    public double[][] plan() {
        try (PointerScope scope = new PointerScope()) {
            return Tensors.toRows(planTensor());
        }
    }

    /** The dense plan as a new tensor in the solve's dtype, owned by the caller's scope. */
    public Tensor planTensor() {
        Tensor c = costMatrix;
        if (c == null) {
            throw new IllegalStateException(mode == SinkhornMode.ONLINE
                    ? "an online solve keeps no cost matrix, so it has no dense plan"
                    : "plan data was released by releasePlanData()");
        }
        return SinkhornKernel.plan(c, f, g, a, b, epsilon);
    }

    /** Drops the native reference to the cost matrix now; {@link #plan()} fails afterwards. */
    public synchronized void releasePlanData() {
        if (costMatrix != null) {
            costMatrix.releaseReference();
            costMatrix = null;
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "SinkhornResult{cost=%.9g, regularizedCost=%.9g, epsilon=%.4g, iterations=%d, marginalError=%.3g, converged=%s, mode=%s, seconds=%.4f}",
                cost, regularizedCost, epsilon, iterations, marginalError, converged, mode, seconds);
    }
}
