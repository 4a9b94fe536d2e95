package io.github.mongeot.experiments.lagrangian;

import static io.github.mongeot.experiments.report.Stats.mean;
import static io.github.mongeot.experiments.report.Stats.std;

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
 * exact W₂² against fresh target samples; mean ± std over seeds (the primary {@code w2x100}: the final model,
 * fresh samples). Besides, {@code w2x100_paper_protocol}: the reference code's evaluation (train_ot.py) — 100 × OTT's
 * {@code reg_ot_cost} with its default solver ({@link OttSinkhorn}) on one fixed evaluation set drawn before training,
 * evaluated every 1/40 of training, the best value after annealing ({@link BestOverEvals}); {@code _final} is the final
 * model on that set. Both noise floors replace the pushed points by independent target samples. Figures: the paths, per seed.
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
                : base.withSteps(problem.fullSteps()).withBatchSize(256).withAnnealSteps(600).withNewtonIterations(3).withSplineHidden(List.of(128, 128));
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
        LagrangianEstimator.Tuning tuning = problem.tuning();
        if (!tuning.equals(LagrangianEstimator.Tuning.defaults())) {
            report.config("potential_activation", tuning.potentialActivation().id())
                    .config("potential_learning_rate", Double.isNaN(tuning.potentialLearningRate()) ? options.learningRate()
                            : tuning.potentialLearningRate())
                    .config("potential_final_lr_factor", tuning.potentialFinalFactor())
                    .config("ctransform_target_candidates", tuning.targetCandidates()).config("ctransform_grid_side", tuning.gridSide())
                    .config("model_grid_side", tuning.modelGridSide());
        }
        if (!Double.isNaN(problem.paperMean())) {
            report.paper("w2x100", problem.paperMean()).paper("w2x100_std", problem.paperStd());
        }
        Lagrangian lagrangian = new Lagrangian(Metric.identity(), problem.potential(), Energy.REFERENCE);
        // the reference code's protocol (train_ot.py): a fixed evaluation set drawn once, OTT's reg_ot_cost every
        // 1/40 of training (250 of 10 001 steps there), the best value after annealing; not for the GMM problem,
        // which the reference scores with geomloss instead
        boolean paperProtocol = !problem.isGmm();
        long evalEvery = Math.max(1, options.steps() / 40);
        report.config("paper_protocol_eval_every", evalEvery).config("paper_protocol_floor_draws", FLOOR_DRAWS);
        double[] entropic = new double[seeds];
        double[] exact = new double[seeds];
        double[] floor = new double[seeds];
        double[] entropicFloor = new double[seeds];
        double[] paperBest = new double[seeds];
        double[] paperFinal = new double[seeds];
        double[] paperFloor = new double[seeds];
        double[] fitSeconds = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            long seed = context.seed() + s;
            Random rng = new Random(seed);
            PointCloud x = PointCloud.of("source", problem.source(fitPoints, rng));
            PointCloud y = PointCloud.of("target", problem.target(fitPoints, rng));
            // a separate stream, so that the training data are those of runs without this protocol
            Random evalRng = new Random(seed * 1_000_003L + 17);
            double[][] evalSource = problem.source(problem.evalPoints(), evalRng);
            double[][] evalTarget = problem.target(problem.evalPoints(), evalRng);
            BestOverEvals evals = new BestOverEvals(options.annealSteps());
            LagrangianEstimator estimator = new LagrangianEstimator(options.withSeed(seed)).withTuning(tuning)
                    .withLog(context.progress(), Math.max(1, options.steps() / 10));
            if (paperProtocol) {
                estimator = estimator.withCallback(evalEvery, (done, current) -> {
                    if (done > options.annealSteps()) {
                        evals.record(done, 100 * OttSinkhorn.paperProtocol(evalTarget, current.apply(evalSource)).regOtCost());
                    }
                });
            }
            long start = System.nanoTime();
            LagrangianModel model = estimator.fit(x, y, lagrangian, problem.domain());
            fitSeconds[s] = (System.nanoTime() - start) / 1e9;
            double[][] fresh = problem.source(problem.evalPoints(), rng);
            double[][] targets = problem.target(problem.evalPoints(), rng);
            double[][] pushed = model.apply(fresh);
            entropic[s] = 100 * entropicCost(pushed, targets);
            exact[s] = 100 * MarginalFit.w2SquaredExact(pushed, targets);
            floor[s] = 100 * MarginalFit.w2SquaredExact(problem.target(problem.evalPoints(), rng), targets);
            report.metric("w2x100_seed" + s, entropic[s]);
            if (paperProtocol) {
                paperBest[s] = evals.best();
                paperFinal[s] = evals.last();
                // both floors: independent target samples in place of the pushed points, mean over draws
                Random floorRng = new Random(seed * 1_000_003L + 29);
                for (int k = 0; k < FLOOR_DRAWS; k++) {
                    entropicFloor[s] += 100 * entropicCost(problem.target(problem.evalPoints(), floorRng), targets) / FLOOR_DRAWS;
                    paperFloor[s] += 100 * OttSinkhorn.paperProtocol(evalTarget, problem.target(problem.evalPoints(), floorRng))
                            .regOtCost() / FLOOR_DRAWS;
                }
                OttSinkhorn.Result last = OttSinkhorn.paperProtocol(evalTarget, model.apply(evalSource));
                report.metric("w2x100_paper_protocol_seed" + s, paperBest[s]).metric("paper_protocol_best_step_seed" + s, evals.bestStep())
                        .metric("paper_protocol_final_iterations_seed" + s, last.iterations())
                        .metric("paper_protocol_final_error_seed" + s, last.error());
                double[] spread = spread(pushed);
                report.metric("pushed_x2_sd_seed" + s, spread[0]).metric("pushed_outside_target_box_seed" + s, spread[1]);
                context.log(String.format(Locale.ROOT, "%s seed %d: paper protocol best %.3f at step %d, final %.3f (OTT loop %d iterations,"
                        + " error %.2g); floors: entropic %.3f, paper protocol %.3f; pushed x2 sd %.3f (target 0.577), outside %.3f",
                        name(), seed, paperBest[s], evals.bestStep(), paperFinal[s], last.iterations(), last.error(), entropicFloor[s],
                        paperFloor[s], spread[0], spread[1]));
                context.log(name() + " seed " + seed + " paper-protocol evaluations (step, value): " + history(evals));
            }
            context.log(String.format(Locale.ROOT, "%s seed %d: w2x100 %.3f (exact %.3f; two target samples %.3f), fit %.0f s",
                    name(), seed, entropic[s], exact[s], floor[s], fitSeconds[s]));
            String png = name() + "_paths" + (s == 0 ? "" : "_seed" + s) + ".png";
            figure(model, fresh, targets, pushed, context.file(png));
            report.figure(png);
        }
        report.metric("w2x100", mean(entropic)).metric("w2x100_std", std(entropic))
                .metric("w2x100_exact", mean(exact)).metric("w2x100_exact_std", std(exact))
                .metric("w2x100_exact_target_vs_target", mean(floor))
                .metric("fit_seconds", mean(fitSeconds));
        if (paperProtocol) {
            report.metric("w2x100_target_vs_target", mean(entropicFloor))
                    .metric("w2x100_paper_protocol", mean(paperBest)).metric("w2x100_paper_protocol_std", std(paperBest))
                    .metric("w2x100_paper_protocol_final", mean(paperFinal)).metric("w2x100_paper_protocol_final_std", std(paperFinal))
                    .metric("w2x100_paper_protocol_target_vs_target", mean(paperFloor));
        }
        return report;
    }

    /** Draws per seed for the two noise floors. */
    static final int FLOOR_DRAWS = 5;

    /** {sd of the pushed x₂, fraction of pushed points outside the target's box [1, 1.25] × [−1, 1]}. */
    static double[] spread(double[][] pushed) {
        double mean = 0;
        for (double[] p : pushed) {
            mean += p[1] / pushed.length;
        }
        double var = 0;
        int outside = 0;
        for (double[] p : pushed) {
            var += (p[1] - mean) * (p[1] - mean) / (pushed.length - 1);
            if (p[0] < 1 || p[0] > 1.25 || p[1] < -1 || p[1] > 1) {
                outside++;
            }
        }
        return new double[] {Math.sqrt(var), (double) outside / pushed.length};
    }

    private static String history(BestOverEvals evals) {
        StringBuilder out = new StringBuilder();
        for (double[] e : evals.history()) {
            out.append(String.format(Locale.ROOT, " %d:%.3f", (long) e[0], e[1]));
        }
        return out.toString().trim();
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
}
