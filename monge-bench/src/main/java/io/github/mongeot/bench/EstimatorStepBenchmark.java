package io.github.mongeot.bench;

import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.gaussian.Gaussian;
import io.github.mongeot.methods.costlearning.CostLearningEstimator;
import io.github.mongeot.methods.costlearning.CostLearningOptions;
import io.github.mongeot.methods.costlearning.Losses;
import io.github.mongeot.methods.dpot.DpotEstimator;
import io.github.mongeot.methods.dpot.DpotOptions;
import io.github.mongeot.methods.gradnet.GaussianMixtureDensity;
import io.github.mongeot.methods.gradnet.GradnetEstimator;
import io.github.mongeot.methods.gradnet.GradnetOptions;
import io.github.mongeot.methods.lagrangian.Domain;
import io.github.mongeot.methods.lagrangian.Lagrangian;
import io.github.mongeot.methods.lagrangian.LagrangianEstimator;
import io.github.mongeot.methods.lagrangian.LagrangianOptions;
import io.github.mongeot.methods.neuralot.NotEstimator;
import io.github.mongeot.methods.neuralot.NotOptions;
import io.github.mongeot.methods.w2gn.W2gnEstimator;
import io.github.mongeot.methods.w2gn.W2gnOptions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Training cost of each estimator with its default settings on a 2-D problem (N(0, I) → N((2, 0), ½I),
 * 1000 points; cost learning: 128 identity pairs): one single-shot measurement fits {@code steps} steps,
 * so time / steps is the cost of one step plus a share of the set-up (network construction, first plan).
 * A "step" is the method's own unit: one Adam step (W2GN, DPOT, GradNet, cost learning), one potential
 * step with its k_T = 10 map steps (NOT), one Algorithm-1 step with its L-BFGS c-transform (Lagrangian).
 *
 * <p>Run: {@code OMP_WAIT_POLICY=PASSIVE java -jar monge-bench/target/monge-benchmarks.jar EstimatorStep
 * -f 1 -wi 1 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EstimatorStepBenchmark {
    @Param({"w2gn", "dpot", "not", "gradnet", "lagrangian", "costlearning"})
    public String estimator;

    @Param({"50"})
    public int steps;

    @Param({"1"})
    public int threads;

    private PointCloud x;
    private PointCloud y;

    @Setup(Level.Trial)
    public void setUp() {
        Engine.setThreads(threads);
        int n = estimator.equals("costlearning") ? 128 : 1000;
        Random rng = new Random(0);
        double[][] xs = new double[n][2];
        double[][] ys = new double[n][2];
        for (int i = 0; i < n; i++) {
            xs[i][0] = rng.nextGaussian();
            xs[i][1] = rng.nextGaussian();
            ys[i][0] = 2 + Math.sqrt(0.5) * rng.nextGaussian();
            ys[i][1] = Math.sqrt(0.5) * rng.nextGaussian();
        }
        x = PointCloud.of("source", xs);
        y = PointCloud.of("target", ys);
    }

    @Benchmark
    public Object fit() {
        return switch (estimator) {
            case "w2gn" -> new W2gnEstimator(W2gnOptions.defaults().withSteps(steps)).fit(x, y);
            case "dpot" -> new DpotEstimator(DpotOptions.defaults().withSteps(steps)).fit(x, y);
            case "not" -> new NotEstimator(NotOptions.defaults().withIterations(steps)).fit(x, y);
            case "gradnet" -> new GradnetEstimator(GradnetOptions.defaults().withSteps(steps)).fit(
                    GaussianMixtureDensity.gaussian(Gaussian.standard(2)),
                    GaussianMixtureDensity.gaussian(new Gaussian(new double[] {2, 0},
                            new double[][] {{0.5, 0}, {0, 0.5}})));
            case "lagrangian" -> new LagrangianEstimator(LagrangianOptions.defaults().withSteps(steps)).fit(x, y,
                    Lagrangian.kinetic(), Domain.around(0.5, x.points(), y.points()));
            case "costlearning" -> new CostLearningEstimator(CostLearningOptions.defaults().withSteps(steps)).fit(x, y,
                    List.of(Losses.paired(identityPairs(x.size()))));
            default -> throw new IllegalArgumentException("unknown estimator " + estimator);
        };
    }

    private static int[][] identityPairs(int n) {
        int[][] pairs = new int[n][];
        for (int i = 0; i < n; i++) {
            pairs[i] = new int[] {i, i};
        }
        return pairs;
    }
}
