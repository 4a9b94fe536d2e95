package io.github.mongeot.experiments;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.exact.ExactOT;
import io.github.mongeot.core.exact.ExactResult;
import io.github.mongeot.core.sinkhorn.Sinkhorn;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.core.sinkhorn.SinkhornResult;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.problems.Samples;
import io.github.mongeot.experiments.report.Report;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How the entropic costs approach the exact OT cost as ε → 0: the transport cost ⟨P_ε, C⟩ and the
 * regularised cost OT_ε against the network simplex, on N(0, I) → two blobs (the peers' laws).
 * Theory (Genevay et al. 2019; Cominetti &amp; San Martín 1994): |OT_ε − OT_0| = O(ε log 1/ε).
 */
public final class SinkhornVsExact implements Experiment {
    @Override
    public String name() {
        return "sinkhorn-vs-exact";
    }

    @Override
    public String description() {
        return "Entropic vs exact OT cost as epsilon -> 0 (log-log plot of the gaps).";
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        int n = context.quick() ? 200 : 1000;
        double[] rels = context.quick()
                ? new double[] {0.5, 0.1, 0.02, 0.005, 0.001}
                : new double[] {1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005};
        Random rng = new Random(context.seed());
        PointCloud x = PointCloud.of("source", Samples.standardNormal(rng, n, 2));
        PointCloud y = PointCloud.of("target", Samples.twoBlobs(rng, n, 2));
        Report report = new Report(name(), context.quick())
                .config("n", n).config("d", 2).config("cost", "sqeuclidean").config("epsilon_rel", rels)
                .config("threshold", 1e-6).config("seed", context.seed())
                .paper("source", "no paper table: the entropic gap theory O(eps log 1/eps) is the reference");
        ExactResult exact = ExactOT.solve(x, y, SquaredEuclidean.full());
        report.metric("exact_cost", exact.cost());
        context.log(String.format(Locale.ROOT, "exact cost %.8f (%d pivots)", exact.cost(), exact.iterations()));
        double[] eps = new double[rels.length];
        double[] linearGap = new double[rels.length];
        double[] regularisedGap = new double[rels.length];
        for (int k = 0; k < rels.length; k++) {
            SinkhornResult r = Sinkhorn.solve(x, y, SquaredEuclidean.full(), SinkhornOptions.defaults()
                    .withEpsilonRel(rels[k]).withEpsilonScaling(Math.max(1, 0.5 / rels[k]), 0.5).withMaxIterations(50_000));
            if (!r.converged()) {
                throw new IllegalStateException("Sinkhorn did not converge at epsilon_rel " + rels[k]);
            }
            eps[k] = r.epsilon();
            linearGap[k] = Math.abs(r.cost() - exact.cost());
            regularisedGap[k] = Math.abs(r.regularizedCost() - exact.cost());
            String key = "eps_rel_" + Report.keyNumber(rels[k]);
            report.metric("epsilon_" + key, r.epsilon())
                    .metric("cost_" + key, r.cost())
                    .metric("regularized_cost_" + key, r.regularizedCost())
                    .metric("iterations_" + key, r.iterations());
            context.log(String.format(Locale.ROOT, "eps_rel %-7s eps %.5f  <P,C> %.8f  OT_eps %.8f  %d iterations",
                    rels[k], r.epsilon(), r.cost(), r.regularizedCost(), r.iterations()));
        }
        Figures.lines("Sinkhorn → exact OT as ε → 0 (n = " + n + ")", "ε", "|cost − exact cost|", true, true,
                List.of(new Figures.Line("⟨P_ε, C⟩", eps, linearGap),
                        new Figures.Line("OT_ε = ⟨P_ε, C⟩ + ε KL", eps, regularisedGap)),
                context.file("convergence.png"));
        return report.figure("convergence.png");
    }
}
