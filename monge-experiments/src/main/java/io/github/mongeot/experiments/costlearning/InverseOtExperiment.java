package io.github.mongeot.experiments.costlearning;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.entropic.EntropicMapEstimator;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.metrics.Metrics;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.experiments.Experiment;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.report.Report;
import io.github.mongeot.methods.costlearning.CostLearningEstimator;
import io.github.mongeot.methods.costlearning.CostLearningModel;
import io.github.mongeot.methods.costlearning.CostLearningOptions;
import io.github.mongeot.methods.costlearning.FlowMode;
import io.github.mongeot.methods.costlearning.Losses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Inverse OT (Howard et al. 2024, Figure 1): learn the cost from 128 known pairs of a toy data set,
 * test the learned map on 32 fresh pairs against the squared-Euclidean entropic map. T-shape with
 * h(x − y) alone and ε_rel 0.05 → 0.002; moon and spiral with a shared flow and ε_rel 0.01.
 */
public final class InverseOtExperiment implements Experiment {
    private final String dataSet;

    public InverseOtExperiment(String dataSet) {
        this.dataSet = dataSet;
    }

    @Override
    public String name() {
        return "cost-learning-" + dataSet;
    }

    @Override
    public String description() {
        return "Learned-cost inverse OT on the " + dataSet + " pairs vs the squared-Euclidean entropic map (test RMSE).";
    }

    /**
     * The paper's settings for this data set (steps shortened in --quick). Sinkhorn's threshold is 1e-4
     * (L1 marginal error): at the T-shape's ε_rel = 0.002 a 1e-6 threshold took the full 5000 iterations
     * in most steps, even warm-started.
     */
    CostLearningOptions options(boolean quick) {
        CostLearningOptions base = CostLearningOptions.defaults().withHidden(List.of(32, 32)).withSteps(quick ? 150 : 500)
                .withLearningRates(1e-2, 1e-3).withThreshold(1e-4).withDtype(io.github.mongeot.core.engine.DType.FLOAT32);
        return dataSet.equals("tshape")
                ? base.withEpsilonRel(0.05, 0.002).withLearningRates(3e-2, 1e-3)
                : base.withFlows(FlowMode.SHARED).withEpsilonRel(0.01, 0.01);
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        int train = 128;
        int test = 32;
        Random rng = new Random(context.seed());
        CostLearningData.Paired data = CostLearningData.toy(dataSet, train, rng);
        CostLearningData.Paired fresh = CostLearningData.toy(dataSet, test, new Random(context.seed() + 1000));
        CostLearningOptions options = options(context.quick()).withSeed(context.seed());
        PointCloud source = PointCloud.of("source", data.source());
        PointCloud target = PointCloud.of("target", data.target());
        int[][] pairs = new int[train][];
        for (int i = 0; i < train; i++) {
            pairs[i] = new int[] {i, i};
        }
        long start = System.nanoTime();
        long cpuStart = CostLearningData.threadCpuNanos();
        CostLearningModel model = new CostLearningEstimator(options).fit(source, target,
                List.of(Losses.paired(pairs), Losses.costMax(1e-6)));
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        double fitCpuSeconds = (CostLearningData.threadCpuNanos() - cpuStart) / 1e9;
        TransportMap sq = new EntropicMapEstimator(SquaredEuclidean.full(),
                SinkhornOptions.defaults().withEpsilonRel(options.epsilonRelEnd()).withMaxIterations(20_000)).fit(source, target);
        double[][] learned = model.apply(fresh.source());
        double[][] baseline = sq.apply(fresh.source());
        double rmse = Metrics.rmse(learned, fresh.target());
        double rmseSq = Metrics.rmse(baseline, fresh.target());
        double inverseRmse = Metrics.rmse(model.applyInverse(fresh.target()), fresh.source());
        context.log(String.format(Locale.ROOT, "%s: test RMSE learned %.4f, squared-Euclidean %.4f (inverse %.4f); fit %.1f s, %d steps",
                dataSet, rmse, rmseSq, inverseRmse, fitSeconds, options.steps()));
        Report report = new Report(name(), context.quick())
                .metric("test_rmse", rmse).metric("test_rmse_sqeuclidean", rmseSq).metric("test_rmse_inverse", inverseRmse)
                .metric("train_rmse", Metrics.rmse(model.apply(data.source()), data.target()))
                .metric("fit_seconds", fitSeconds).metric("fit_cpu_seconds", fitCpuSeconds).metric("steps", options.steps())
                .metric("seconds_per_step", fitSeconds / Math.max(1, options.steps()))
                .config("train_pairs", train).config("test_pairs", test).config("hidden", options.hidden())
                .config("alpha", options.alpha()).config("flows", options.flows().id())
                .config("epsilon_rel", new double[] {options.epsilonRelStart(), options.epsilonRelEnd()})
                .config("learning_rates", new double[] {options.learningRate(), options.flowLearningRate()})
                .config("threads", io.github.mongeot.core.engine.Engine.threads()).config("seed", context.seed())
                .paper("figure", "Figure 1: learned map follows the test pairs, the squared-Euclidean map does not (no numbers)")
                .paper("time", "reference: ~4-5 min on a GPU for 500 steps on 128 points");
        figure(context, report, "map_learned.png", "Learned cost (" + dataSet + "): test pairs and T(x)", fresh, learned);
        figure(context, report, "map_sqeuclidean.png", "Squared-Euclidean entropic map (" + dataSet + ")", fresh, baseline);
        return report;
    }

    /** Test sources, targets and mapped points, with a segment from each source to its image. */
    static void figure(ExperimentContext context, Report report, String png, String title, CostLearningData.Paired fresh,
            double[][] mapped) throws java.io.IOException {
        List<double[][]> lines = new ArrayList<>();
        for (int i = 0; i < mapped.length; i++) {
            lines.add(new double[][] {fresh.source()[i], mapped[i]});
        }
        Figures.polylines(title, List.of(new Figures.Series("source x", fresh.source()),
                new Figures.Series("true y", fresh.target()), new Figures.Series("T(x)", mapped)), lines, context.file(png));
        report.figure(png);
    }
}
