package io.github.mongeot.methods.lagrangian;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.nn.train.LearningRateSchedule;
import io.github.mongeot.nn.train.NonFiniteLossException;
import io.github.mongeot.nn.train.OptimizerConfig;
import io.github.mongeot.nn.train.TrainingOptimizer;
import java.io.PrintStream;
import io.github.mongeot.core.engine.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Metric learning with NLOT (Pooladian et al. 2024, Algorithm 2): snapshots ρ₀..ρ_K of a population
 * moving along geodesics of an unknown metric. One (g, y_ζ) pair per consecutive snapshot pair, a
 * shared spline network and a shared {@link LearnedMetric} A_ϑ. As in the authors' training script, a
 * round runs one Algorithm 1 update on every snapshot pair (each on its whole snapshots, or a batch of
 * them); after a warm-up, every {@code innerPerOuter} rounds one Adam step on ϑ minimises the mean action
 * (1/K) Σ_i E c_ϑ(x, ŷ_i(x)) with the paths and ŷ frozen (envelope theorem: the g terms of the dual do not
 * depend on ϑ). The metric step reuses each pair's (x, ŷ) from the round just run instead of solving
 * the K c-transforms again (the reference re-solves them, after the same g update).
 */
public final class MetricLearner {
    /** Target samples tried as c-transform starts besides y_ζ(x) (no grid: no obstacles here). */
    static final int TARGET_CANDIDATES = 8;
    private final LagrangianOptions options;
    private final long outerSteps;
    private final int innerPerOuter;
    private final double metricLearningRate;
    private long warmup = 50;
    private int pairsPerRound = Integer.MAX_VALUE;
    private Energy energy = Energy.INTEGRAL;
    private double metricFinalFactor = 0.1;
    private double pairFinalFactor = 0.1;
    private double metricWeightDecay = 0.0;
    private PrintStream log;
    private ToDoubleFunction<LearnedMetric> probe;
    private List<double[][]> paths = List.of();

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

    /** Rounds of pair updates before the first metric step (the reference: 50). */
    public MetricLearner withWarmup(long rounds) {
        if (rounds < 0) {
            throw new InvalidInputException("metric warm-up must be >= 0 rounds, got " + rounds);
        }
        this.warmup = rounds;
        return this;
    }

    /** Snapshot pairs updated per round, cycling through all of them (default: every pair, as the reference). */
    public MetricLearner withPairsPerRound(int count) {
        if (count < 1) {
            throw new InvalidInputException("pairs per round must be >= 1, got " + count);
        }
        this.pairsPerRound = count;
        return this;
    }

    /**
     * The action summed along the paths, in the c-transform, the spline fit and the metric loss: the integral energy
     * (default) or the reference's squared geodesic length ½(Σ√(ΔXᵀAΔX))² (train_ot_scarvelis: Riemannian cost).
     */
    public MetricLearner withEnergy(Energy weighting) {
        this.energy = java.util.Objects.requireNonNull(weighting, "energy");
        return this;
    }

    /**
     * Final factors of the cosine decays: of the metric rate over the metric steps and of the (g, y_ζ) rates over the
     * rounds (default 0.1 each; 1 keeps a rate constant, as the reference's AdamW).
     */
    public MetricLearner withRateDecay(double metricFinal, double pairFinal) {
        if (!(metricFinal > 0 && metricFinal <= 1) || !(pairFinal > 0 && pairFinal <= 1)) {
            throw new InvalidInputException("rate decay final factors must lie in (0, 1], got " + metricFinal + " and " + pairFinal);
        }
        this.metricFinalFactor = metricFinal;
        this.pairFinalFactor = pairFinal;
        return this;
    }

    /**
     * Decoupled weight decay of the metric optimiser (AdamW, Loshchilov &amp; Hutter 2019: θ ← θ(1 − η·λ) before the Adam
     * step); 0 (default) is plain Adam. The reference uses optax adamw(5e-3, weight_decay=1e-4).
     */
    public MetricLearner withMetricWeightDecay(double decay) {
        if (!(decay >= 0) || !Double.isFinite(decay)) {
            throw new InvalidInputException("metric weight decay must be finite and >= 0, got " + decay);
        }
        this.metricWeightDecay = decay;
        return this;
    }

    /** The metric network's optimiser settings: Adam, or AdamW when a weight decay is set. */
    OptimizerConfig metricOptimizerConfig() {
        return metricWeightDecay > 0 ? OptimizerConfig.adamW(metricLearningRate).withWeightDecay(metricWeightDecay)
                : OptimizerConfig.adam(metricLearningRate);
    }

    /** A score of the current metric (e.g. alignment with a known truth) printed in the progress lines. */
    public MetricLearner withProbe(ToDoubleFunction<LearnedMetric> score) {
        this.probe = score;
        return this;
    }

    /** Rounds in all: the warm-up, then {@code innerPerOuter} rounds per metric step. */
    public long rounds() {
        return warmup + outerSteps * innerPerOuter;
    }

    /** One snapshot pair's networks and optimisers, and the (x, ŷ) of its latest update. */
    private static final class Pair {
        final LagrangianDual dual;
        final TrainingOptimizer g;
        final TrainingOptimizer y;
        double[][] x;
        double[][] yHat;

        Pair(LagrangianDual dual, double learningRate) {
            this.dual = dual;
            g = OptimizerConfig.adam(learningRate).create(new ArrayList<>(dual.potential.namedParameters().values()));
            y = OptimizerConfig.adam(learningRate * LagrangianEstimator.PREDICTOR_LR_FACTOR)
                    .create(new ArrayList<>(dual.predictor.namedParameters().values()));
        }
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
        // raw coordinates into the angle network, as the reference (x/s with s ≈ 16 on mass splitting made the field too smooth
        // to switch at x₂ = 0 between the two branches: 0.907 vs the paper's 0.986, quick schedule)
        LearnedMetric metric = LearnedMetric.fresh(1.0, options.seed() + 7, options.dtype());
        Lagrangian lagrangian = new Lagrangian(metric, Potential.none(), energy);
        LagrangianEstimator estimator = new LagrangianEstimator(options.withAnnealSteps(0));
        LagrangianDual first = estimator.initialDual(lagrangian, domain, options.seed(), 1.0);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < snapshots.size(); i++) {
            LagrangianDual own = estimator.initialDual(lagrangian, domain, options.seed() + 10L * (i + 1),
                    meanSquaredStep(snapshots.get(i), snapshots.get(i + 1)));
            // every pair shares the first pair's spline network (one path predictor for the whole flow)
            pairs.add(new Pair(new LagrangianDual(lagrangian, own.potential, own.predictor, first.spline, first.paths, domain,
                    own.costScale), options.learningRate()));
        }
        TrainingOptimizer splineOptimizer = OptimizerConfig.adam(options.splineLearningRate())
                .create(new ArrayList<>(first.spline.network().namedParameters().values()));
        TrainingOptimizer metricOptimizer = metricOptimizerConfig()
                .create(new ArrayList<>(metric.network().namedParameters().values()));
        long rounds = rounds();
        LearningRateSchedule schedule = LearningRateSchedule.cosine(Math.max(1, rounds), pairFinalFactor);
        // not in the reference (constant AdamW 5e-3): the field where no mass moves gets no gradient and drifts with the
        // shared weights; with a constant rate the quick mass-splitting alignment swung between 0.88 and 0.98 (the decay
        // did not remove the swings of the full run either: 0.87–0.95 between checkpoints)
        LearningRateSchedule metricSchedule = LearningRateSchedule.cosine(Math.max(1, outerSteps), metricFinalFactor);
        Random rng = new Random(options.seed());
        long start = System.nanoTime();
        long metricSteps = 0;
        double action = Double.NaN;
        double dual = Double.NaN;
        long logEvery = Math.max(1, rounds / 10);
        for (long round = 0; round < rounds; round++) {
            double factor = schedule.factor(round);
            try (PointerScope scope = new PointerScope()) {
                dual = round(round, pairs, snapshots, splineOptimizer, factor, rng);
            }
            if (round >= warmup && (round + 1 - warmup) % innerPerOuter == 0) {
                metricOptimizer.setLearningRateFactor(metricSchedule.factor(metricSteps));
                try (PointerScope scope = new PointerScope()) {
                    action = metricStep(pairs, lagrangian, metricOptimizer);
                }
                metricSteps++;
            }
            if (log != null && (round + 1) % logEvery == 0) {
                String score = probe == null ? "" : String.format(Locale.ROOT, ", probe %.4f", probe.applyAsDouble(metric));
                log.println(String.format(Locale.ROOT, "round %d/%d (%d metric steps): dual %.5g, mean action %.5g%s, %.1f s",
                        round + 1, rounds, metricSteps, dual, action, score, (System.nanoTime() - start) / 1e9));
            }
        }
        paths = samplePaths(pairs, 12);
        return metric;
    }

    /** After {@link #fit}: the spline paths x → ŷ(x) of a few points of every snapshot pair (each T × 2). */
    public List<double[][]> paths() {
        return paths;
    }

    @SuppressWarnings("try")
    private static List<double[][]> samplePaths(List<Pair> pairs, int perPair) {
        List<double[][]> out = new ArrayList<>();
        for (Pair pair : pairs) {
            if (pair.x == null) {
                continue;
            }
            int n = Math.min(perPair, pair.x.length);
            try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
                DType dtype = pair.dual.potential.dtype();
                Tensor points = pair.dual.spline.points(pair.dual.paths, Tensors.fromRows(Arrays.copyOf(pair.x, n), dtype),
                        Tensors.fromRows(Arrays.copyOf(pair.yHat, n), dtype));
                for (int i = 0; i < n; i++) {
                    out.add(Tensors.toRows(points.select(0, i).to(DType.FLOAT64.scalarType())));
                }
            }
        }
        return out;
    }

    /**
     * One Algorithm 1 update of every pair: c-transform from y_ζ(x) and a few target samples by per-row Newton,
     * Danskin step on g, regression of y_ζ on ŷ; then one step of the shared spline network on the action of
     * all pairs' (x, ŷ) paths. Returns the mean dual objective.
     */
    private double round(long index, List<Pair> pairs, List<double[][]> snapshots, TrainingOptimizer splineOptimizer, double factor,
            Random rng) {
        List<Tensor> starts = new ArrayList<>();
        List<Tensor> ends = new ArrayList<>();
        double dualSum = 0;
        int count = Math.min(pairsPerRound, pairs.size());
        for (int j = 0; j < count; j++) {
            int i = (int) ((index * count + j) % pairs.size());
            Pair pair = pairs.get(i);
            LagrangianDual dual = pair.dual;
            Tensor x = batch(snapshots.get(i), rng);
            Tensor y = batch(snapshots.get(i + 1), rng);
            boolean whole = options.batchSize() >= snapshots.get(i).length;
            Tensor yHat = whole && pair.yHat != null
                    ? dual.cTransform(x, warmStart(dual, x, Tensors.fromRows(pair.yHat, options.dtype())), options.newtonIterations(), 1.0, 1.0)
                    : dual.cTransform(x, y.narrow(0, 0, Math.min(TARGET_CANDIDATES, y.size(0))), options.newtonIterations(), 1.0, 1.0,
                            false);
            pair.g.setLearningRateFactor(factor);
            pair.y.setLearningRateFactor(factor);
            // θ: Danskin, ∇θ g^c(x) = −∇θ g(ŷ(x)) with ŷ fixed (eq. 15)
            pair.g.zeroGrad();
            Tensor gHat = dual.g(yHat);
            Tensor gY = dual.g(y);
            gHat.mean().sub(gY.mean()).backward();
            pair.g.step();
            // ζ: regression of the amortised c-transform on the solved one
            pair.y.zeroGrad();
            Ops.sumLast(dual.predict(x).sub(yHat).square()).mean().backward();
            pair.y.step();
            pair.x = Tensors.toRows(x);
            pair.yHat = Tensors.toRows(yHat);
            starts.add(x);
            ends.add(yHat);
            dualSum += Tensors.toFlat(dual.cost(x, yHat, 1.0, 1.0).mean())[0] - gHat.mean().item_double() + gY.mean().item_double();
        }
        // η: least action of the (x, ŷ) paths of all pairs (eq. 19), one shared optimiser
        LagrangianDual any = pairs.get(0).dual;
        splineOptimizer.zeroGrad();
        any.cost(torch.cat(new TensorVector(starts.toArray(new Tensor[0])), 0), torch.cat(new TensorVector(ends.toArray(new Tensor[0])), 0),
                1.0, 1.0).mean().backward();
        splineOptimizer.step();
        double mean = dualSum / count;
        if (!Double.isFinite(mean)) {
            throw new NonFiniteLossException("metric learning dual objective", index, mean, index - 1);
        }
        return mean;
    }

    /**
     * Per row, the better of y_ζ(x) and the row's previous ŷ (the same point x of the whole snapshot one round ago):
     * the solver then continues from where it stopped, so one or two Newton iterations per round suffice.
     */
    @SuppressWarnings("try")
    static Tensor warmStart(LagrangianDual dual, Tensor x, Tensor previous) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor predicted = dual.predict(x).detach();
            Tensor fromPrediction = dual.cost(x, predicted, 1.0, 1.0).sub(dual.g(predicted));
            Tensor fromPrevious = dual.cost(x, previous, 1.0, 1.0).sub(dual.g(previous));
            return torch.where(fromPrevious.lt(fromPrediction).unsqueeze(1), previous, predicted);
        }
    }

    /** One Adam step on ϑ: the mean over pairs of E c_ϑ(x, ŷ) on frozen paths (the pairs' latest (x, ŷ)). */
    private double metricStep(List<Pair> pairs, Lagrangian lagrangian, TrainingOptimizer metricOptimizer) {
        metricOptimizer.zeroGrad();
        List<Pair> ready = pairs.stream().filter(p -> p.x != null).toList(); // pairs updated at least once
        Tensor loss = metricObjective(ready.stream().map(p -> p.dual).toList(), ready.stream().map(p -> p.x).toList(),
                ready.stream().map(p -> p.yHat).toList(), lagrangian);
        loss.backward();
        metricOptimizer.step();
        return loss.item_double();
    }

    /**
     * (1/K) Σ_i mean_j E(φ(x_ij, ŷ_ij)) with the spline paths detached: the outer objective of Algorithm 2 as a
     * function of the metric parameters only (its gradient is the envelope-theorem gradient of the dual objectives).
     */
    static Tensor metricObjective(List<LagrangianDual> duals, List<double[][]> xs, List<double[][]> yHats, Lagrangian lagrangian) {
        Tensor total = null;
        for (int i = 0; i < duals.size(); i++) {
            LagrangianDual dual = duals.get(i);
            Tensor x = Tensors.fromRows(xs.get(i), dual.potential.dtype());
            Tensor yHat = Tensors.fromRows(yHats.get(i), dual.potential.dtype());
            Tensor paths;
            try (NoGradGuard noGrad = new NoGradGuard()) {
                paths = dual.spline.points(dual.paths, x, yHat).detach(); // frozen paths: envelope theorem
            }
            Tensor mean = lagrangian.energy(paths).mean();
            total = total == null ? mean : total.add(mean);
        }
        return total.div(Tensors.scalar(duals.size()));
    }

    /** The whole snapshot if the batch covers it (as the reference), else a batch drawn with replacement. */
    private Tensor batch(double[][] snapshot, Random rng) {
        if (options.batchSize() >= snapshot.length) {
            return Tensors.fromRows(snapshot, options.dtype());
        }
        int n = options.batchSize();
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
        for (double[] x : new Domain(lower, upper).gridNodes(side)) {
            double[][] u = eigenvectors(truth.matrix(x));
            double[][] v = eigenvectors(learned.matrix(x));
            for (int k = 0; k < 2; k++) {
                sum += Math.abs(u[k][0] * v[k][0] + u[k][1] * v[k][1]) / 2;
            }
        }
        return sum / (side * side);
    }

    /** Unit eigenvectors of a symmetric 2 × 2 matrix, smaller eigenvalue first. */
    public static double[][] eigenvectors(double[][] a) {
        double angle = 0.5 * Math.atan2(2 * a[0][1], a[0][0] - a[1][1]); // direction of the larger eigenvalue
        double[] major = {Math.cos(angle), Math.sin(angle)};
        double[] minor = {-major[1], major[0]};
        return new double[][] {minor, major};
    }
}
