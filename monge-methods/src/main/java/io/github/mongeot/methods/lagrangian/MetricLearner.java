package io.github.mongeot.methods.lagrangian;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.net.Activation;
import io.github.mongeot.nn.net.Mlp;
import io.github.mongeot.nn.net.MlpConfig;
import io.github.mongeot.nn.train.OptimizerConfig;
import io.github.mongeot.nn.train.TrainingOptimizer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * Metric learning with NLOT (Pooladian et al. 2024, Algorithm 2): snapshots ρ₀..ρ_K of a population
 * moving along geodesics of an unknown metric. One (g, y_ζ) pair per consecutive snapshot pair, a
 * shared spline network and a shared {@link LearnedMetric} A_ϑ; inner steps run Algorithm 1 on a
 * random snapshot pair, and every {@code innerPerOuter} inner steps one Adam step on ϑ minimises
 * the mean action (1/K) Σ_i E c_ϑ(x, ŷ_i(x)) with the paths and ŷ frozen (envelope theorem).
 */
public final class MetricLearner {
    private final LagrangianOptions options;
    private final long outerSteps;
    private final int innerPerOuter;
    private final double metricLearningRate;
    private PrintStream log;

    public MetricLearner(LagrangianOptions options, long outerSteps, int innerPerOuter, double metricLearningRate) {
        if (outerSteps < 0 || innerPerOuter < 1 || !(metricLearningRate > 0)) {
            throw new InvalidInputException("metric learning needs outer steps >= 0, inner steps >= 1 and a positive rate, got "
                    + outerSteps + ", " + innerPerOuter + ", " + metricLearningRate);
        }
        this.options = options;
        this.outerSteps = outerSteps;
        this.innerPerOuter = innerPerOuter;
        this.metricLearningRate = metricLearningRate;
    }

    public MetricLearner withLog(PrintStream stream) {
        this.log = stream;
        return this;
    }

    /** Learns A_ϑ from the snapshots (each n_k × 2, at least two). */
    @SuppressWarnings("try")
    public LearnedMetric fit(List<double[][]> snapshots) {
        if (snapshots.size() < 2) {
            throw new InvalidInputException("metric learning needs at least 2 snapshots, got " + snapshots.size());
        }
        for (int k = 0; k < snapshots.size(); k++) {
            double[][] s = snapshots.get(k);
            if (s.length == 0 || s[0].length != 2) {
                throw new InvalidInputException("snapshot " + k + " must be a non-empty n × 2 array");
            }
        }
        Engine.seed(options.seed());
        Domain domain = Domain.around(0.1, snapshots.toArray(new double[0][][]));
        LearnedMetric metric = LearnedMetric.fresh(domain.scale(), options.seed() + 7, options.dtype());
        Lagrangian lagrangian = new Lagrangian(metric, Potential.none(), Energy.INTEGRAL);
        LagrangianEstimator estimator = new LagrangianEstimator(options.withAnnealSteps(0));
        LagrangianDual first = estimator.initialDual(lagrangian, domain, options.seed(), 1.0);
        List<LagrangianDual> duals = new ArrayList<>();
        List<LagrangianEstimator.Trainer> trainers = new ArrayList<>();
        for (int i = 0; i + 1 < snapshots.size(); i++) {
            LagrangianDual own = estimator.initialDual(lagrangian, domain, options.seed() + 10L * (i + 1),
                    meanSquaredStep(snapshots.get(i), snapshots.get(i + 1)));
            // every pair shares the first pair's spline network (one path predictor for the whole flow)
            LagrangianDual dual = new LagrangianDual(lagrangian, own.potential, own.predictor, first.spline, first.paths, domain,
                    own.costScale);
            duals.add(dual);
            trainers.add(new LagrangianEstimator.Trainer(dual, options.withAnnealSteps(0)));
        }
        TrainingOptimizer metricOptimizer = OptimizerConfig.adam(metricLearningRate)
                .create(new ArrayList<>(metric.network().namedParameters().values()));
        Random rng = new Random(options.seed());
        long start = System.nanoTime();
        long step = 0;
        for (long outer = 0; outer < outerSteps; outer++) {
            for (int inner = 0; inner < innerPerOuter; inner++, step++) {
                int pair = rng.nextInt(duals.size());
                try (PointerScope scope = new PointerScope()) {
                    trainers.get(pair).step(step, batch(snapshots.get(pair), rng), batch(snapshots.get(pair + 1), rng));
                }
            }
            double action;
            try (PointerScope scope = new PointerScope()) {
                metricOptimizer.zeroGrad();
                Tensor total = null;
                for (int i = 0; i < duals.size(); i++) {
                    LagrangianDual dual = duals.get(i);
                    Tensor x = batch(snapshots.get(i), rng);
                    Tensor yHat = dual.cTransform(x, options.newtonIterations(), 1.0, 1.0);
                    Tensor paths = dual.spline.points(dual.paths, x, yHat).detach(); // frozen paths: envelope theorem
                    Tensor mean = lagrangian.energy(paths).mean();
                    total = total == null ? mean : total.add(mean);
                }
                Tensor loss = total.div(Tensors.scalar(duals.size()));
                loss.backward();
                metricOptimizer.step();
                action = loss.item_double();
            }
            if (log != null && ((outer + 1) % Math.max(1, outerSteps / 10) == 0)) {
                log.println(String.format(Locale.ROOT, "outer step %d/%d: mean action %.5g, %.1f s", outer + 1, outerSteps, action,
                        (System.nanoTime() - start) / 1e9));
            }
        }
        return metric;
    }

    private Tensor batch(double[][] snapshot, Random rng) {
        int n = Math.min(options.batchSize(), snapshot.length);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = snapshot[rng.nextInt(snapshot.length)];
        }
        return Tensors.fromRows(rows, options.dtype());
    }

    /** ½ E‖x − y‖² between the two snapshots' means (scale of g's output). */
    private static double meanSquaredStep(double[][] a, double[][] b) {
        double s = 0;
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            s += 0.5 * (Math.pow(a[i][0] - b[i][0], 2) + Math.pow(a[i][1] - b[i][1], 2)) / n;
        }
        return s > 0 ? s : 1.0;
    }

    /**
     * Alignment of two metric fields on a grid (Pooladian et al. 2024, Table 2): the mean over grid
     * points and both eigenvectors (sorted by eigenvalue) of |u_iᵀû_i|; 1 is perfect.
     */
    public static double alignment(Metric truth, Metric learned, double[] lower, double[] upper, int side) {
        double sum = 0;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                double[] x = {lower[0] + (upper[0] - lower[0]) * i / (side - 1), lower[1] + (upper[1] - lower[1]) * j / (side - 1)};
                double[][] u = eigenvectors(truth.matrix(x));
                double[][] v = eigenvectors(learned.matrix(x));
                for (int k = 0; k < 2; k++) {
                    sum += Math.abs(u[k][0] * v[k][0] + u[k][1] * v[k][1]) / 2;
                }
            }
        }
        return sum / (side * side);
    }

    /** Unit eigenvectors of a symmetric 2 × 2 matrix, smaller eigenvalue first. */
    static double[][] eigenvectors(double[][] a) {
        double angle = 0.5 * Math.atan2(2 * a[0][1], a[0][0] - a[1][1]); // direction of the larger eigenvalue
        double[] major = {Math.cos(angle), Math.sin(angle)};
        double[] minor = {-major[1], major[0]};
        return new double[][] {minor, major};
    }
}
