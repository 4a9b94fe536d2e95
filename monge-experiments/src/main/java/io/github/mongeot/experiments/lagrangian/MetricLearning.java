package io.github.mongeot.experiments.lagrangian;

import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.io.NdArray;
import io.github.mongeot.experiments.Experiment;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.report.Report;
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
        long outer = context.quick() ? 40 : 300;
        int inner = 10;
        LagrangianOptions options = LagrangianOptions.defaults().withBatchSize(100).withNewtonIterations(context.quick() ? 5 : 10)
                .withSplineHidden(List.of(64, 64)).withHidden(List.of(64, 64)).withSeed(context.seed());
        Report report = new Report(name(), context.quick()).config("snapshots", snaps.size()).config("outer_steps", outer)
                .config("inner_steps_per_outer", inner).config("metric_lr", 5e-3).config("batch", options.batchSize())
                .config("newton_iterations", options.newtonIterations()).config("spline_hidden", options.splineHidden())
                .config("grid", "100 x 100 over the data bounds").paper("alignment", paper);
        LearnedMetric learned = new MetricLearner(options, outer, inner, 5e-3).withLog(context.progress()).fit(snaps);
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
        double score = MetricLearner.alignment(truth, learned, lo, hi, 100);
        report.metric("alignment", score);
        context.log(String.format(Locale.ROOT, "%s: alignment %.4f (paper %.3f)", name(), score, paper));
        String png = name() + "_directions.png";
        Figures.polylines("Cheap directions: learned (grey) over the data; alignment " + String.format(Locale.ROOT, "%.3f", score),
                List.of(new Figures.Series("snapshots", all.toArray(new double[0][]))), segments(learned, lo, hi), context.file(png));
        report.figure(png);
        return report;
    }

    /** Short segments along the learned cheap direction on a 20 × 20 grid. */
    private static List<double[][]> segments(LearnedMetric metric, double[] lo, double[] hi) {
        int side = 20;
        double[][] grid = new double[side * side][];
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                grid[i * side + j] = new double[] {lo[0] + (hi[0] - lo[0]) * i / (side - 1), lo[1] + (hi[1] - lo[1]) * j / (side - 1)};
            }
        }
        double[][] u = metric.directions(grid);
        double len = 0.35 * (hi[0] - lo[0]) / side;
        List<double[][]> out = new ArrayList<>();
        for (int k = 0; k < grid.length; k++) {
            double cx = -u[k][1];
            double cy = u[k][0]; // the cheap direction u⊥
            out.add(new double[][] {{grid[k][0] - len * cx, grid[k][1] - len * cy}, {grid[k][0] + len * cx, grid[k][1] + len * cy}});
        }
        return out;
    }
}
