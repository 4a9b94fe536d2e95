package io.github.mongeot.experiments.costlearning;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.metrics.Metrics;
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
import io.github.mongeot.methods.costlearning.FlowMode;
import io.github.mongeot.methods.costlearning.Losses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Limited labelled pairs (Howard et al. 2024, Appendix D.1, the synthetic twin of the Live-seq study):
 * μ = Φ₁#U([0,1]^d), ν = Φ₂#U([0,1]^d), a few rows paired by y = Φ₂∘Φ₁⁻¹(x). Optimising the map
 * (paired loss) against optimising the coupling matrix (−⟨M, P_θ⟩) with the same cost family
 * h(Φ(x) − Φ(y)); pair RMSE, test RMSE and S_ε on fresh fully paired samples, and the incorrectly
 * transported mass of the training coupling. Metric keys end in _map / _matrix and _d{d}, averaged
 * over the data sets and the numbers of pairs.
 */
public final class LimitedPairsExperiment implements Experiment {
    private static final int TEST = 64;

    @Override
    public String name() {
        return "cost-learning-pairs";
    }

    @Override
    public String description() {
        return "Learned cost from a few labelled pairs (d = 2, 4, 6): optimising the map vs optimising the coupling.";
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        boolean quick = context.quick();
        int[] dims = {2, 4, 6};
        // quick: the paper's d = 2 sizes in every d, 3 data sets, 300 steps at a higher learning rate
        int[][] sizes = quick ? new int[][] {{32, 40}, {32, 40}, {32, 40}} : new int[][] {{32, 40}, {128, 160}, {256, 320}};
        int[][] pairCounts = quick ? new int[][] {{4, 8, 16}, {4, 8, 16}, {4, 8, 16}} : new int[][] {{4, 8, 16}, {8, 16, 32}, {16, 32, 64}};
        int dataSets = quick ? 3 : 5;
        double[] rates = quick ? new double[] {1e-2, 3e-3} : new double[] {3e-3, 1e-3};
        CostLearningOptions base = CostLearningOptions.defaults().withHidden(quick ? List.of(32, 32) : List.of(64, 64, 64))
                .withFlows(FlowMode.SHARED).withFlowArchitecture(quick ? 2 : 4, quick ? List.of(32, 32) : List.of(64, 64))
                .withSteps(quick ? 300 : 1000).withLearningRates(rates[0], rates[1]).withEpsilonRel(0.01, 0.01).withThreshold(1e-4)
                .withDtype(io.github.mongeot.core.engine.DType.FLOAT32);
        Report report = new Report(name(), quick).config("dims", dims).config("sizes", sizes).config("pairs", pairCounts)
                .config("data_sets", dataSets).config("test_pairs", TEST).config("hidden", base.hidden())
                .config("flows", "shared " + base.flowLayers() + " x MADE" + base.flowHidden()).config("steps", base.steps())
                .config("epsilon_rel", base.epsilonRelEnd()).config("learning_rates", rates)
                .paper("shape", "optimising the map beats optimising the matrix on pair RMSE and test RMSE (Figure 3)")
                .paper("liveseq_rmse_map", 2.02).paper("liveseq_rmse_matrix", 16.9)
                .paper("liveseq_incorrect_mass_map", 0.095).paper("liveseq_incorrect_mass_matrix", 0.153);
        String[] keys = {"pair_rmse", "test_rmse", "test_sinkhorn_div", "incorrect_mass"};
        // "initial": the untrained cost (h ≈ ½‖z‖², identity flow), to show how far each training moved
        String[] methods = {"map", "matrix", "initial"};
        double[][][] means = new double[keys.length][methods.length][dims.length];
        int[] wins = new int[2]; // data sets where the map beats the matrix on pair RMSE, on test RMSE
        int total = 0;
        long cpuStart = CostLearningData.threadCpuNanos();
        for (int di = 0; di < dims.length; di++) {
            int d = dims[di];
            double[][] sums = new double[keys.length][methods.length];
            int runs = 0;
            for (int p : pairCounts[di]) {
                double[][] pairSums = new double[keys.length][methods.length];
                for (int s = 0; s < dataSets; s++) {
                    Random rng = new Random(context.seed() * 1000 + 100 * d + 10 * s + p);
                    CostLearningData.LimitedPairs data = CostLearningData.limitedPairs(d, sizes[di][0], sizes[di][1], p, TEST, rng);
                    double[][] scores = new double[methods.length][];
                    for (int k = 0; k < methods.length; k++) {
                        CostLearningOptions o = base.withSeed(context.seed() + s);
                        scores[k] = fitAndScore(data, k == 2 ? o.withSteps(0) : o, k == 0);
                        for (int q = 0; q < keys.length; q++) {
                            sums[q][k] += scores[k][q];
                            pairSums[q][k] += scores[k][q];
                        }
                        context.log(String.format(Locale.ROOT, "d=%d pairs=%d set=%d %s: pair RMSE %.3f, test RMSE %.3f, S_eps %.3f, I.M. %.3f",
                                d, p, s, methods[k], scores[k][0], scores[k][1], scores[k][2], scores[k][3]));
                    }
                    wins[0] += scores[0][0] < scores[1][0] ? 1 : 0;
                    wins[1] += scores[0][1] < scores[1][1] ? 1 : 0;
                    total++;
                    runs++;
                }
                for (int q = 0; q < keys.length; q++) {
                    for (int k = 0; k < methods.length; k++) {
                        report.metric(keys[q] + "_" + methods[k] + "_d" + d + "_p" + p, pairSums[q][k] / dataSets);
                    }
                }
            }
            for (int q = 0; q < keys.length; q++) {
                for (int k = 0; k < methods.length; k++) {
                    means[q][k][di] = sums[q][k] / runs;
                    report.metric(keys[q] + "_" + methods[k] + "_d" + d, means[q][k][di]);
                }
            }
        }
        report.metric("map_wins_pair_rmse", wins[0]).metric("map_wins_test_rmse", wins[1]).metric("comparisons", total)
                .metric("cpu_seconds", (CostLearningData.threadCpuNanos() - cpuStart) / 1e9);
        String[] categories = {"d=2", "d=4", "d=6"};
        for (int q = 0; q < keys.length; q++) {
            String png = keys[q] + ".png";
            List<Figures.Bar> bars = new ArrayList<>();
            for (int k = 0; k < methods.length; k++) {
                bars.add(new Figures.Bar(k == 2 ? "untrained cost" : "optimise " + methods[k], means[q][k]));
            }
            Figures.bars("Limited labelled pairs: " + keys[q].replace('_', ' '), keys[q], false, categories, bars, context.file(png));
            report.figure(png);
        }
        return report;
    }

    /** pair RMSE, test RMSE, S_ε(T#μ̃, ν̃) and incorrect mass for one method on one data set. */
    static double[] fitAndScore(CostLearningData.LimitedPairs data, CostLearningOptions options, boolean optimiseMap) {
        PointCloud source = PointCloud.of("source", data.source());
        PointCloud target = PointCloud.of("target", data.target());
        List<CostLearningLoss> losses = List.of(optimiseMap ? Losses.paired(data.pairs()) : Losses.coupling(data.pairs()),
                Losses.costMax(1e-6));
        CostLearningModel model = new CostLearningEstimator(options).fit(source, target, losses);
        int[][] pairs = data.pairs();
        double[][] px = new double[pairs.length][];
        double[][] py = new double[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
            px[i] = data.source()[pairs[i][0]];
            py[i] = data.target()[pairs[i][1]];
        }
        double pairRmse = Metrics.rmse(model.apply(px), py);
        double[][] mapped = model.apply(data.testSource());
        double testRmse = Metrics.rmse(mapped, data.testTarget());
        double divergence = SinkhornDivergence.compute(PointCloud.of("mapped", mapped), PointCloud.of("test target", data.testTarget()),
                SquaredEuclidean.full(), SinkhornOptions.defaults().withEpsilonRel(0.05).withMaxIterations(20_000)).value();
        return new double[] {pairRmse, testRmse, divergence, incorrectMass(model.trainingPlan(), pairs)};
    }

    /**
     * ⟨M, P⟩ with M_ij = 1 where x_i is known to map to some y_j' (j' ≠ j) or y_j is known to come from
     * some x_i' (i' ≠ i) (Howard et al. 2024, Appendix C).
     */
    static double incorrectMass(double[][] plan, int[][] pairs) {
        int n = plan.length;
        int m = plan[0].length;
        int[] partnerOfRow = new int[n];
        int[] partnerOfColumn = new int[m];
        java.util.Arrays.fill(partnerOfRow, -1);
        java.util.Arrays.fill(partnerOfColumn, -1);
        for (int[] p : pairs) {
            partnerOfRow[p[0]] = p[1];
            partnerOfColumn[p[1]] = p[0];
        }
        double mass = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                boolean wrongRow = partnerOfRow[i] >= 0 && partnerOfRow[i] != j;
                boolean wrongColumn = partnerOfColumn[j] >= 0 && partnerOfColumn[j] != i;
                if (wrongRow || wrongColumn) {
                    mass += plan[i][j];
                }
            }
        }
        return mass;
    }
}
