package io.github.mongeot.core.metrics;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.exact.ExactOT;
import io.github.mongeot.core.exact.ExactResult;
import io.github.mongeot.core.sinkhorn.SinkhornDivergence;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;

/**
 * How well pushed points T̂(x_i) match target samples, as distances between the empirical
 * measures (uniform weights, cost ‖x − y‖²): exact W₂² by the network simplex, or the debiased
 * Sinkhorn divergence S_ε (core-ot.md).
 */
public final class MarginalFit {
    private MarginalFit() {
    }

    /** Exact W₂² = min_P ⟨P, ‖x − y‖²⟩ between the two clouds; throws if the simplex stopped early. */
    public static double w2SquaredExact(double[][] pushed, double[][] target) {
        ExactResult r = ExactOT.solve(PointCloud.of("pushed points", pushed), PointCloud.of("target samples", target),
                SquaredEuclidean.full());
        if (!r.converged()) {
            throw new IllegalStateException("network simplex stopped before optimality (" + r.status() + ")");
        }
        return r.cost();
    }

    /**
     * S_ε with ε = epsilonRel · mean(C) (OTT's convention: regularised costs). The cross term between
     * nearly equal clouds converges slowly (the plain iteration oscillates), hence the high iteration cap.
     */
    public static double sinkhornDivergence(double[][] pushed, double[][] target, double epsilonRel) {
        SinkhornDivergence.Value v = SinkhornDivergence.compute(PointCloud.of("pushed points", pushed),
                PointCloud.of("target samples", target), SquaredEuclidean.full(),
                SinkhornOptions.defaults().withEpsilonRel(epsilonRel).withMaxIterations(50_000));
        if (!v.converged()) {
            throw new IllegalStateException("Sinkhorn did not converge computing S_eps");
        }
        return v.value();
    }
}
