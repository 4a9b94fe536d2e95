package io.github.mongeot.experiments.lagrangian;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.metrics.MarginalFit;
import io.github.mongeot.core.sinkhorn.Sinkhorn;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.core.sinkhorn.SinkhornResult;
import io.github.mongeot.experiments.Experiment;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.report.Report;
import io.github.mongeot.methods.lagrangian.Energy;
import io.github.mongeot.methods.lagrangian.Lagrangian;
import io.github.mongeot.methods.lagrangian.LagrangianEstimator;
import io.github.mongeot.methods.lagrangian.LagrangianModel;
import io.github.mongeot.methods.lagrangian.LagrangianOptions;
import io.github.mongeot.methods.lagrangian.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;

/**
 * Lagrangian OT under an obstacle potential (Pooladian et al. 2024, Table 1 and Figures 1–2): fit
 * Algorithm 1 with the reference energy weighting, push fresh source samples, and score the marginal
 * fit as 100 × the entropic OT cost (ε = 1e-3, cost ‖x − y‖², as the paper's evaluation) and 100 × the
 * exact W₂² against fresh target samples; mean ± std over seeds. The figure shows the paths.
 */
public final class LagrangianObstacles implements Experiment {
    private final ObstacleProblem problem;

    public LagrangianObstacles(String problem) {
        this.problem = ObstacleProblem.named(problem);
    }

    @Override
    public String name() {
        return "lagrangian-" + problem.name();
    }

    @Override
    public String description() {
        return problem.isGmm() ? "Lagrangian OT around three circular barriers, N(0, I) to 8 Gaussians (NLOT Figure 1)."
                : "Lagrangian OT with the " + problem.name() + " potential (NLOT Table 1, Figure 2): w2x100 and paths.";
    }

    /** The training schedule: --quick is a short one (stated in the report's config). */
    static LagrangianOptions options(ExperimentContext context, ObstacleProblem problem) {
        LagrangianOptions base = LagrangianOptions.defaults();
        return context.quick()
                ? base.withSteps(600).withBatchSize(128).withAnnealSteps(300).withNewtonIterations(3).withSplineHidden(List.of(128, 128))
                : base.withSteps(1200).withBatchSize(256).withAnnealSteps(600).withNewtonIterations(3).withSplineHidden(List.of(128, 128));
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        LagrangianOptions options = options(context, problem);
        int seeds = context.quick() ? 1 : 3;
        int fitPoints = 8192;
        Report report = new Report(name(), context.quick())
                .config("potential", problem.name()).config("energy", "reference").config("steps", options.steps())
                .config("batch", options.batchSize()).config("anneal_steps", options.annealSteps())
                .config("newton_iterations", options.newtonIterations()).config("spline_hidden", options.splineHidden())
                .config("potential_hidden", options.potentialHidden()).config("knots", options.knots()).config("times", options.times())
                .config("seeds", seeds).config("fit_points", fitPoints).config("eval_points", problem.evalPoints())
                .config("w2_epsilon", 1e-3).config("w2_cost", "sqeuclidean (no 1/2)");
        if (!Double.isNaN(problem.paperMean())) {
            report.paper("w2x100", problem.paperMean()).paper("w2x100_std", problem.paperStd());
        }
        Lagrangian lagrangian = new Lagrangian(Metric.identity(), problem.potential(), Energy.REFERENCE);
        double[] entropic = new double[seeds];
        double[] exact = new double[seeds];
        double[] floor = new double[seeds];
        double[] fitSeconds = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            long seed = context.seed() + s;
            Random rng = new Random(seed);
            PointCloud x = PointCloud.of("source", problem.source(fitPoints, rng));
            PointCloud y = PointCloud.of("target", problem.target(fitPoints, rng));
            long start = System.nanoTime();
            LagrangianModel model = new LagrangianEstimator(options.withSeed(seed))
                    .withLog(context.progress(), Math.max(1, options.steps() / 10))
                    .fit(x, y, lagrangian, problem.domain());
            fitSeconds[s] = (System.nanoTime() - start) / 1e9;
            double[][] fresh = problem.source(problem.evalPoints(), rng);
            double[][] targets = problem.target(problem.evalPoints(), rng);
            double[][] pushed = model.apply(fresh);
            entropic[s] = 100 * entropicCost(pushed, targets);
            exact[s] = 100 * MarginalFit.w2SquaredExact(pushed, targets);
            floor[s] = 100 * MarginalFit.w2SquaredExact(problem.target(problem.evalPoints(), rng), targets);
            context.log(String.format(Locale.ROOT, "%s seed %d: w2x100 %.3f (exact %.3f; two target samples %.3f), fit %.0f s",
                    name(), seed, entropic[s], exact[s], floor[s], fitSeconds[s]));
            if (s == 0) {
                String png = name() + "_paths.png";
                figure(model, fresh, targets, pushed, context.file(png));
                report.figure(png);
            }
        }
        report.metric("w2x100", mean(entropic)).metric("w2x100_std", std(entropic))
                .metric("w2x100_exact", mean(exact)).metric("w2x100_exact_std", std(exact))
                .metric("w2x100_exact_target_vs_target", mean(floor))
                .metric("fit_seconds", mean(fitSeconds));
        return report;
    }

    /** ⟨P, C⟩ of the entropic plan at ε = 1e-3 (absolute), cost ‖x − y‖², uniform weights. */
    static double entropicCost(double[][] pushed, double[][] targets) {
        SinkhornResult r = Sinkhorn.solve(PointCloud.of("pushed", pushed), PointCloud.of("target", targets), SquaredEuclidean.full(),
                SinkhornOptions.defaults().withEpsilon(1e-3).withEpsilonScaling(1000, 0.5).withMaxIterations(200_000));
        // at ε = 1e-3 on the GMM problem's scale (costs ~ 10²) the stopping threshold is not always met; a plan
        // whose marginals are off by < 1e-3 still gives ⟨P, C⟩ to that relative accuracy, so accept it
        if (!r.converged() && !(r.marginalError() < 1e-3)) {
            throw new IllegalStateException("Sinkhorn at epsilon 1e-3 did not converge (marginal error " + r.marginalError() + ")");
        }
        return r.cost();
    }

    private void figure(LagrangianModel model, double[][] fresh, double[][] targets, double[][] pushed, java.nio.file.Path png)
            throws java.io.IOException {
        int shown = Math.min(64, fresh.length);
        double[][][] paths = model.pathsBetween(Arrays.copyOf(fresh, shown), Arrays.copyOf(pushed, shown), 40);
        List<double[][]> lines = new ArrayList<>(Arrays.asList(paths));
        List<Figures.Series> background = List.of(new Figures.Series("obstacle (U < −M/2)", obstacle()),
                new Figures.Series("source", fresh), new Figures.Series("target", targets), new Figures.Series("pushed", pushed));
        Figures.polylines("NLOT paths, " + problem.name() + " potential", background, lines, png);
    }

    /** Grid points where the potential is below half its minimum over the grid: the obstacle's shape. */
    @SuppressWarnings("try")
    private double[][] obstacle() {
        int side = 80;
        double lo = problem.domain().lower()[0];
        double hi = problem.domain().upper()[0];
        double[][] grid = new double[side * side][];
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                grid[i * side + j] = new double[] {lo + (hi - lo) * (i + 0.5) / side, lo + (hi - lo) * (j + 0.5) / side};
            }
        }
        double[] u;
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            u = Tensors.toFlat(problem.potential().value(Tensors.fromRows(grid, DType.FLOAT64), problem.potential().sharpnessEnd()));
        }
        double min = Arrays.stream(u).min().orElse(0);
        List<double[]> inside = new ArrayList<>();
        for (int k = 0; k < grid.length; k++) {
            if (u[k] < 0.5 * min) {
                inside.add(grid[k]);
            }
        }
        return inside.toArray(new double[0][]);
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
