package io.github.mongeot.experiments.lagrangian;

import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.io.NdArray;
import io.github.mongeot.experiments.Experiment;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.report.Report;
import io.github.mongeot.methods.lagrangian.Domain;
import io.github.mongeot.methods.lagrangian.LagrangianOptions;
import io.github.mongeot.methods.lagrangian.LearnedMetric;
import io.github.mongeot.methods.lagrangian.Metric;
import io.github.mongeot.methods.lagrangian.MetricLearner;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Learning a Riemannian metric from snapshots (Pooladian et al. 2024, §5.2, Table 2 and Figures 3–4)
 * on the data of Scarvelis &amp; Solomon (2023, shipped as resources, MIT): the alignment score of the
 * learned metric's eigenvectors with the generating metric's on a 100 × 100 grid over the data.
 */
public final class MetricLearning implements Experiment {
    private final String dataset;
    private final Metric truth;
    private final double paper;

    public MetricLearning(String dataset) {
        this.dataset = dataset;
        switch (dataset) {
            case "circle": truth = Metric.circle(0); paper = 0.997; break;
            case "mass-splitting": truth = Metric.massSplitting(0); paper = 0.986; break;
            case "xpaths": truth = Metric.xPaths(0); paper = 0.957; break;
            default: throw new IllegalArgumentException("unknown metric dataset " + dataset);
        }
    }

    @Override
    public String name() {
        return "metric-" + dataset;
    }

    @Override
    public String description() {
        return "Learn the " + dataset + " metric from snapshots (NLOT Algorithm 2, Table 2): alignment score.";
    }

    /** Snapshots of the shipped data set, in time order (X paths: both families stacked per time). */
    static List<double[][]> snapshots(String dataset) throws java.io.IOException {
        String file = dataset.replace('-', '_') + ".npz";
        Path tmp = Files.createTempFile("monge-" + dataset, ".npz");
        try (InputStream in = MetricLearning.class.getResourceAsStream(file)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        NdArray a = ArrayIO.readNpz(tmp).get("snapshots");
        Files.deleteIfExists(tmp);
        int[] shape = a.shape();
        double[] data = a.data();
        List<double[][]> out = new ArrayList<>();
        boolean families = shape.length == 4;
        int times = families ? shape[1] : shape[0];
        int fams = families ? shape[0] : 1;
        int n = families ? shape[2] : shape[1];
        for (int t = 0; t < times; t++) {
            double[][] rows = new double[fams * n][2];
            for (int f = 0; f < fams; f++) {
                for (int j = 0; j < n; j++) {
                    int offset = (((f * times) + t) * n + j) * 2;
                    rows[f * n + j] = new double[] {data[offset], data[offset + 1]};
                }
            }
            out.add(rows);
        }
        return out;
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        List<double[][]> snaps = snapshots(dataset);
        // the reference's schedule (train_ot_scarvelis.yaml) shortened: every round updates every pair on its whole
        // snapshots; after a warm-up, one metric step (Adam 5e-3, constant as the reference's AdamW) every round. The
        // reference steps the metric every 10 iterations of 3001 (≈ 295 steps); one step per 5 rounds left ours at 100
        // steps under a decaying rate, too few: X paths seed 0 0.889 (550 rounds) vs 0.919 with a step every round at
        // 275 rounds (notes/issue-7-metric.md, "This session")
        long warmup = context.quick() ? 10 : 25;
        long outer = context.quick() ? 100 : 250;
        int inner = 1;
        int newton = 1; // per round, warm-started at the previous round's solution
        // circle: 24 pairs, a third of them per round keeps a round as cheap as the 9-pair data sets
        int pairsPerRound = dataset.equals("circle") ? 8 : Integer.MAX_VALUE;
        int whole = snaps.stream().mapToInt(s -> s.length).max().orElse(1);
        LagrangianOptions options = LagrangianOptions.defaults().withBatchSize(whole).withNewtonIterations(newton)
                .withSplineHidden(List.of(64, 64)).withHidden(List.of(64, 64)).withSeed(context.seed());
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<double[]> all = new ArrayList<>();
        for (double[][] s : snaps) {
            for (double[] p : s) {
                all.add(p);
                for (int k = 0; k < 2; k++) {
                    lo[k] = Math.min(lo[k], p[k]);
                    hi[k] = Math.max(hi[k], p[k]);
                }
            }
        }
        MetricLearner learner = new MetricLearner(options, outer, inner, 5e-3).withRateDecay(1.0, 0.1).withWarmup(warmup)
                .withPairsPerRound(pairsPerRound)
                .withLog(context.progress())
                .withProbe(m -> MetricLearner.alignment(truth, m, lo, hi, 30));
        Report report = new Report(name(), context.quick()).config("snapshots", snaps.size()).config("warmup_rounds", warmup)
                .config("metric_steps", outer).config("rounds_per_metric_step", inner).config("rounds", learner.rounds())
                .config("pairs_per_round", Math.min(pairsPerRound, snaps.size() - 1))
                .config("metric_lr", "5e-3 constant")
                .config("pair_lr", "1e-3 (y_zeta 1e-2), cosine decay to 0.1x over the rounds")
                .config("batch", "whole snapshots (" + whole + " points)")
                .config("newton_iterations", options.newtonIterations()).config("spline_hidden", options.splineHidden())
                .config("grid", "100 x 100 over the data bounds").paper("alignment", paper);
        LearnedMetric learned = learner.fit(snaps);
        double score = MetricLearner.alignment(truth, learned, lo, hi, 100);
        report.metric("alignment", score);
        // the authors' script scores on fixed boxes (lagrangian_ot/data.py get_bounds): circle and X paths [-1.5, 1.5]²,
        // mass splitting [-2.5, 15] × [-15, 15]
        boolean split = dataset.equals("mass-splitting");
        double[] refLo = split ? new double[] {-2.5, -15} : new double[] {-1.5, -1.5};
        double[] refHi = split ? new double[] {15, 15} : new double[] {1.5, 1.5};
        double onReferenceBox = MetricLearner.alignment(truth, learned, refLo, refHi, 100);
        report.metric("alignment_reference_box", onReferenceBox);
        context.log(String.format(Locale.ROOT, "%s: alignment %.4f, on the reference's box %.4f (paper %.3f)", name(), score,
                onReferenceBox, paper));
        String png = name() + "_directions.png";
        List<Figures.Series> data = List.of(new Figures.Series("snapshots", all.toArray(new double[0][])));
        Figures.polylines("Learned cheap directions (grey) over the data; alignment " + String.format(Locale.ROOT, "%.3f", score),
                data, segments(learned, lo, hi), context.file(png));
        report.figure(png);
        String truePng = name() + "_true_directions.png";
        Figures.polylines("True cheap directions (grey) over the data", data, segments(truth, lo, hi), context.file(truePng));
        report.figure(truePng);
        String pathsPng = name() + "_geodesics.png";
        Figures.polylines("Learned paths x -> y(x) of 12 points per snapshot pair (chained: whole trajectories)", data, learner.paths(), context.file(pathsPng));
        report.figure(pathsPng);
        io.github.mongeot.nn.io.NetworkFiles.save(context.file(name() + "_metric.safetensors"), learned.network()); // input x (scale 1)
        return report;
    }

    /** Short segments along the cheap direction (eigenvector of the smaller eigenvalue) on a 20 × 20 grid. */
    private static List<double[][]> segments(Metric metric, double[] lo, double[] hi) {
        int side = 20;
        double[][] grid = new Domain(lo, hi).gridNodes(side);
        double len = 0.35 * (hi[0] - lo[0]) / side;
        List<double[][]> out = new ArrayList<>();
        for (int k = 0; k < grid.length; k++) {
            double[] cheap = MetricLearner.eigenvectors(metric.matrix(grid[k]))[0];
            double cx = cheap[0];
            double cy = cheap[1];
            out.add(new double[][] {{grid[k][0] - len * cx, grid[k][1] - len * cy}, {grid[k][0] + len * cx, grid[k][1] + len * cy}});
        }
        return out;
    }
}
