package io.github.mongeot.experiments.costlearning;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.entropic.EntropicMapEstimator;
import io.github.mongeot.core.gaussian.SymmetricEigen;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.sinkhorn.SinkhornDivergence;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.experiments.Experiment;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.report.Report;
import io.github.mongeot.methods.costlearning.CostLearningEstimator;
import io.github.mongeot.methods.costlearning.CostLearningLoss;
import io.github.mongeot.methods.costlearning.CostLearningModel;
import io.github.mongeot.methods.costlearning.CostLearningOptions;
import io.github.mongeot.methods.costlearning.Losses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Structured displacements (Howard et al. 2024, Appendix D.2, Figure 4): 3-D clouds of 128 points,
 * h(x − y) with α = 0.01 and ICNN [64, 64], trained on S_ε(T#μ̂, ν̂) plus either the low-rank loss
 * (p = 2) or the 2-directional loss with learned directions; scored on 128 fresh source points against
 * the squared-Euclidean entropic map.
 */
public final class DisplacementExperiment implements Experiment {
    private final boolean lowRank;

    /** {@code lowRank}: the low-rank study; otherwise the 2-directional one. */
    public DisplacementExperiment(boolean lowRank) {
        this.lowRank = lowRank;
    }

    @Override
    public String name() {
        return lowRank ? "cost-learning-lowrank" : "cost-learning-directions";
    }

    @Override
    public String description() {
        return lowRank ? "Learned cost inducing rank-2 displacements in 3-D (last singular value vs squared-Euclidean)."
                : "Learned cost inducing displacements along 2 learned directions in 3-D (alignment vs squared-Euclidean).";
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        int n = 128;
        Random rng = new Random(context.seed());
        CostLearningData.Paired data = CostLearningData.displacementClouds(n, rng);
        double[][] fresh = CostLearningData.displacementClouds(n, new Random(context.seed() + 1000)).source();
        CostLearningOptions options = CostLearningOptions.defaults().withHidden(List.of(64, 64)).withSteps(context.quick() ? 150 : 500)
                .withLearningRates(1e-2, 1e-3).withEpsilonRel(0.01, 0.01).withThreshold(1e-4).withSeed(context.seed())
                .withDtype(io.github.mongeot.core.engine.DType.FLOAT32);
        PointCloud source = PointCloud.of("source", data.source());
        PointCloud target = PointCloud.of("target", data.target());
        Losses.DirectionalLoss directions = lowRank ? null : Losses.directions(2, 3, context.seed());
        CostLearningLoss structure = lowRank ? Losses.lowRank(2).times(1.0 / n) : directions;
        long start = System.nanoTime();
        long cpuStart = CostLearningData.threadCpuNanos();
        CostLearningModel model = new CostLearningEstimator(options).fit(source, target,
                List.of(Losses.fit(), structure, Losses.costMax(1e-6)));
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        double fitCpuSeconds = (CostLearningData.threadCpuNanos() - cpuStart) / 1e9;
        TransportMap sq = new EntropicMapEstimator(SquaredEuclidean.full(),
                SinkhornOptions.defaults().withEpsilonRel(0.01).withThreshold(1e-5).withMaxIterations(100_000)).fit(source, target);
        double[][] learned = model.apply(fresh);
        double[][] baseline = sq.apply(fresh);
        double[][] dLearned = displacements(fresh, learned);
        double[][] dBaseline = displacements(fresh, baseline);
        Report report = new Report(name(), context.quick()).config("points", n).config("hidden", options.hidden())
                .config("alpha", options.alpha()).config("steps", options.steps()).config("epsilon_rel", 0.01)
                .config("learning_rate", options.learningRate()).config("seed", context.seed())
                .metric("fit_seconds", fitSeconds).metric("fit_cpu_seconds", fitCpuSeconds)
                .metric("test_sinkhorn_div", divergence(learned, data.target()))
                .metric("test_sinkhorn_div_sqeuclidean", divergence(baseline, data.target()))
                .paper("figure", "Figure 4: the learned displacements are (close to) rank 2 / along the 2 learned directions");
        String detail;
        if (lowRank) {
            double ours = lastSingularValue(dLearned);
            double theirs = lastSingularValue(dBaseline);
            report.metric("last_singular_value", ours).metric("last_singular_value_sqeuclidean", theirs);
            detail = String.format(Locale.ROOT, "sigma_3/sigma_1 learned %.4f, squared-Euclidean %.4f", ours, theirs);
        } else {
            double[][] v = directions.directions();
            double ours = alignment(dLearned, v);
            double theirs = alignment(dBaseline, v);
            report.metric("direction_alignment", ours).metric("direction_alignment_sqeuclidean", theirs);
            detail = String.format(Locale.ROOT, "mean |cos| to the nearest learned direction: learned %.4f, squared-Euclidean %.4f",
                    ours, theirs);
        }
        context.log(name() + ": " + detail + String.format(Locale.ROOT, " (fit %.1f s)", fitSeconds));
        figure(context, report, "map_learned.png", "Learned cost: displacements (x1, x2 projection)", fresh, learned, data.target(),
                lowRank ? null : directions.directions());
        figure(context, report, "map_sqeuclidean.png", "Squared-Euclidean entropic map (x1, x2 projection)", fresh, baseline,
                data.target(), null);
        return report;
    }

    private static double[][] displacements(double[][] x, double[][] tx) {
        double[][] d = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < x[i].length; k++) {
                d[i][k] = tx[i][k] - x[i][k];
            }
        }
        return d;
    }

    /** σ_min/σ_max of the displacement matrix, from the eigenvalues of DᵀD. */
    static double lastSingularValue(double[][] d) {
        int k = d[0].length;
        double[][] gram = new double[k][k];
        for (double[] row : d) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    gram[a][b] += row[a] * row[b];
                }
            }
        }
        double[] eig = SymmetricEigen.of(gram).values();
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double e : eig) {
            max = Math.max(max, e);
            min = Math.min(min, e);
        }
        return Math.sqrt(Math.max(0, min) / max);
    }

    /** Mean over rows of max_j |cos(d_i, v_j)|. */
    static double alignment(double[][] d, double[][] v) {
        double sum = 0;
        for (double[] row : d) {
            double best = 0;
            for (double[] dir : v) {
                double dot = 0;
                double nr = 0;
                double nv = 0;
                for (int k = 0; k < row.length; k++) {
                    dot += row[k] * dir[k];
                    nr += row[k] * row[k];
                    nv += dir[k] * dir[k];
                }
                best = Math.max(best, Math.abs(dot) / Math.sqrt(nr * nv + 1e-300));
            }
            sum += best;
        }
        return sum / d.length;
    }

    private static double divergence(double[][] mapped, double[][] target) {
        return SinkhornDivergence.compute(PointCloud.of("mapped", mapped), PointCloud.of("target", target), SquaredEuclidean.full(),
                SinkhornOptions.defaults().withEpsilonRel(0.05).withMaxIterations(20_000)).value();
    }

    private static void figure(ExperimentContext context, Report report, String png, String title, double[][] x, double[][] tx,
            double[][] target, double[][] directions) throws java.io.IOException {
        List<double[][]> lines = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            lines.add(new double[][] {{x[i][0], x[i][1]}, {tx[i][0], tx[i][1]}});
        }
        if (directions != null) {
            for (double[] v : directions) {
                lines.add(new double[][] {{-4 * v[0], -4 * v[1]}, {4 * v[0], 4 * v[1]}});
            }
        }
        Figures.polylines(title, List.of(new Figures.Series("source x", project(x)), new Figures.Series("target", project(target)),
                new Figures.Series("T(x)", project(tx))), lines, context.file(png));
        report.figure(png);
    }

    private static double[][] project(double[][] p) {
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = new double[] {p[i][0], p[i][1]};
        }
        return out;
    }
}
