package io.github.mongeot.methods.dpot;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.methods.dpot.PlanSolver.Coupling;
import io.github.mongeot.nn.net.Network;
import io.github.mongeot.nn.train.LearningRateSchedule;
import io.github.mongeot.nn.train.OptimizerConfig;
import io.github.mongeot.nn.train.ProgressReporter;
import io.github.mongeot.nn.train.TrainingLoop;
import io.github.mongeot.nn.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Fits DPOT (seed 003: "DeepParticle OT" with a convergence guarantee): a map network T trained by
 * the min–min alternation of the seed's Algorithm 1 — every n_Γ steps the exact OT plans Γ
 * between the pushed batches {T(x_i)} and the target batches {y_j} ({@link PlanSolver}), every
 * step one Adam update of T on {@link DpotLoss} with Γ fixed, new batches every n_batch steps.
 *
 * <p>Conditional problems: each step uses n_c conditions η, each with its own batches and plan;
 * the network takes (x, η). With {@code inverse}, a second network S is trained on the mirrored
 * loss (S pushes ν onto μ, its own plans) plus the cycle residuals
 * α_f E‖S(T(x)) − x‖² + α_i E‖T(S(y)) − y‖² (the seed's (4.4)/(4.5); the weights are options).
 *
 * <p>Deterministic for a given seed and thread count.
 */
public final class DpotEstimator {
    private final DpotOptions options;
    private final ProgressReporter progress;
    private final Path metricsLog;

    public DpotEstimator(DpotOptions options) {
        this(options, ProgressReporter.silent(), null);
    }

    private DpotEstimator(DpotOptions options, ProgressReporter progress, Path metricsLog) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.metricsLog = metricsLog;
    }

    public DpotEstimator withProgress(ProgressReporter reporter) {
        return new DpotEstimator(options, reporter, metricsLog);
    }

    /** Writes a JSON-lines record (step, loss, lr, elapsed_s) every 100 steps to {@code path}. */
    public DpotEstimator withMetricsLog(Path path) {
        return new DpotEstimator(options, progress, path);
    }

    public DpotOptions options() {
        return options;
    }

    /** Learns the map source → target. */
    public DpotModel fit(PointCloud source, PointCloud target) {
        return fit(DpotProblem.of(source, target));
    }

    /** Learns T(·; η) for every pair of the problem (T alone when the problem has no condition). */
    public DpotModel fit(DpotProblem problem) {
        Objects.requireNonNull(problem, "problem");
        Network forward = options.network(problem.dim(), problem.conditionDim()).build(options.seed());
        Network inverse = options.inverse() ? options.network(problem.dim(), problem.conditionDim()).build(options.seed() + 1) : null;
        List<Tensor> parameters = new ArrayList<>(forward.namedParameters().values());
        if (inverse != null) {
            parameters.addAll(inverse.namedParameters().values());
        }
        Batches batches = new Batches(problem, options);
        TrainingLoop.Builder loop = TrainingLoop.builder(OptimizerConfig.adam(options.learningRate()).create(parameters), options.steps())
                .seed(options.seed()).progress(progress)
                .schedule(LearningRateSchedule.exponential(Math.pow(options.decay(), 1.0 / options.decaySteps())));
        if (metricsLog != null) {
            loop.metricsLog(metricsLog, 100);
        }
        long start = System.nanoTime();
        TrainingResult result = loop.build().run(step -> {
            batches.advance(step, forward, inverse);
            return stepLoss(batches, forward, inverse);
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("method", "dpot");
        report.put("steps", result.steps());
        report.put("final_loss", result.finalLoss());
        report.put("seconds", seconds);
        report.put("gamma_updates", batches.gammaUpdates);
        report.put("exact_ot_seconds", batches.otSeconds());
        report.put("gamma_push_seconds", batches.pushSeconds);
        report.put("exact_ot_seconds_per_update", batches.gammaUpdates == 0 ? 0 : batches.otSeconds() / batches.gammaUpdates);
        report.put("network_seconds_per_step", (seconds - batches.otSeconds()) / Math.max(1, result.steps()));
        report.put("simplex_solves", batches.simplexSolves());
        report.put("assignment_solves", batches.assignmentSolves());
        report.put("architecture", options.architecture().id());
        report.put("width", options.width());
        report.put("depth", options.depth());
        report.put("activation", options.activation().id());
        report.put("lambda", options.lambda());
        report.put("batch_size", options.batchSize());
        report.put("conditions_per_step", batches.slotCount());
        report.put("gamma_every", options.gammaEvery());
        report.put("batch_every", options.batchEvery());
        report.put("learning_rate", options.learningRate());
        report.put("inverse", options.inverse());
        report.put("solver", options.solver().id());
        report.put("seed", options.seed());
        report.put("dtype", options.dtype().name().toLowerCase(Locale.ROOT));
        report.put("pairs", problem.size());
        return new DpotModel(forward, inverse, report);
    }

    /** The loss of one step on the current batches and plans (with its graph). */
    private Tensor stepLoss(Batches batches, Network forward, Network inverse) {
        Batches.Stacked s = batches.stacked(forward.dtype());
        double lambda = options.lambda();
        Tensor pushed = run(forward, s.x(), s.xCondition());
        Tensor loss = DpotLoss.loss(pushed, s.x(), s.y(), s.rowsT(), s.colsT(), s.weightsT(), s.xWeights(), lambda);
        if (inverse == null) {
            return loss;
        }
        Tensor pulled = run(inverse, s.y(), s.yCondition());
        loss = loss.add(DpotLoss.loss(pulled, s.y(), s.x(), s.rowsS(), s.colsS(), s.weightsS(), s.yWeights(), lambda));
        if (options.cycleForward() > 0) { // (4.4): S(T(x)) ≈ x
            Tensor back = run(inverse, pushed, s.xCondition());
            loss = loss.add(weightedMeanSquare(back.sub(s.x()), s.xWeights()).mul(Tensors.scalar(options.cycleForward())));
        }
        if (options.cycleInverse() > 0) { // (4.5): T(S(y)) ≈ y
            Tensor back = run(forward, pulled, s.yCondition());
            loss = loss.add(weightedMeanSquare(back.sub(s.y()), s.yWeights()).mul(Tensors.scalar(options.cycleInverse())));
        }
        return loss;
    }

    private static Tensor run(Network network, Tensor x, Tensor condition) {
        return condition == null ? network.forward(x) : network.forward(x, condition);
    }

    private static Tensor weightedMeanSquare(Tensor r, Tensor weights) {
        return Ops.sumLast(r.square()).mul(weights).sum();
    }

    /** The current batches, one slot per condition in the step, and their plans. */
    static final class Batches {
        private final DpotProblem problem;
        private final DpotOptions options;
        private final double[][][] sources;
        private final double[][][] targets;
        private final SplittableRandom random;
        private final Slot[] slots;
        long gammaUpdates;
        double pushSeconds;

        Batches(DpotProblem problem, DpotOptions options) {
            this.problem = problem;
            this.options = options;
            int pairs = problem.size();
            sources = new double[pairs][][];
            targets = new double[pairs][][];
            for (int k = 0; k < pairs; k++) {
                sources[k] = problem.pairs().get(k).source().points();
                targets[k] = problem.pairs().get(k).target().points();
            }
            random = new SplittableRandom(options.seed());
            slots = new Slot[Math.min(options.conditions(), pairs)];
            for (int k = 0; k < slots.length; k++) {
                slots[k] = new Slot(options.solver());
            }
        }

        int slotCount() {
            return slots.length;
        }

        /** New batches and/or plans as the schedule says for 0-based {@code step}. */
        void advance(long step, Network forward, Network inverse) {
            boolean renew = step % options.batchEvery() == 0;
            if (renew) {
                drawBatches();
            }
            if (renew || step % options.gammaEvery() == 0) {
                updatePlans(forward, inverse, !renew);
            }
        }

        void drawBatches() {
            int[] chosen = Sampling.withoutReplacement(random, problem.size(), slots.length);
            for (int k = 0; k < slots.length; k++) {
                Slot slot = slots[k];
                DpotProblem.Pair pair = problem.pairs().get(chosen[k]);
                slot.pair = chosen[k];
                slot.condition = pair.condition();
                slot.x = Sampling.batch(random, sources[chosen[k]], pair.source(), options.batchSize());
                slot.y = Sampling.batch(random, targets[chosen[k]], pair.target(), options.batchSize());
            }
        }

        /** Γ for every slot (and Γ' for the inverse) from the current networks. */
        void updatePlans(Network forward, Network inverse, boolean sameBatch) {
            for (Slot slot : slots) {
                long t0 = System.nanoTime();
                double[][] pushed = DpotModel.push(forward, slot.x, slot.condition);
                double[][] pulled = inverse == null ? null : DpotModel.push(inverse, slot.y, slot.condition);
                pushSeconds += (System.nanoTime() - t0) / 1e9;
                slot.gammaT = slot.solverT.solve(pushed, slot.y, sameBatch);
                if (inverse != null) {
                    slot.gammaS = slot.solverS.solve(pulled, slot.x, sameBatch);
                }
            }
            gammaUpdates++;
        }

        double otSeconds() {
            double s = 0;
            for (Slot slot : slots) {
                s += slot.solverT.seconds() + slot.solverS.seconds();
            }
            return s;
        }

        long simplexSolves() {
            long c = 0;
            for (Slot slot : slots) {
                c += slot.solverT.simplexSolves() + slot.solverS.simplexSolves();
            }
            return c;
        }

        long assignmentSolves() {
            long c = 0;
            for (Slot slot : slots) {
                c += slot.solverT.assignmentSolves() + slot.solverS.assignmentSolves();
            }
            return c;
        }

        Slot slot(int k) {
            return slots[k];
        }

        /** The batches of all slots stacked, with the plans' entries shifted to the stacked rows. */
        record Stacked(Tensor x, Tensor xCondition, Tensor xWeights, Tensor y, Tensor yCondition, Tensor yWeights,
                Tensor rowsT, Tensor colsT, Tensor weightsT, Tensor rowsS, Tensor colsS, Tensor weightsS) {
        }

        Stacked stacked(DType dtype) {
            List<double[]> xs = new ArrayList<>();
            List<double[]> ys = new ArrayList<>();
            List<double[]> xc = new ArrayList<>();
            List<double[]> yc = new ArrayList<>();
            List<Double> xw = new ArrayList<>();
            List<Double> yw = new ArrayList<>();
            PlanEntries t = new PlanEntries();
            PlanEntries s = new PlanEntries();
            double share = 1.0 / slots.length;
            for (Slot slot : slots) {
                int xOffset = xs.size();
                int yOffset = ys.size();
                for (double[] p : slot.x) {
                    xs.add(p);
                    xc.add(slot.condition);
                    xw.add(share / slot.x.length);
                }
                for (double[] p : slot.y) {
                    ys.add(p);
                    yc.add(slot.condition);
                    yw.add(share / slot.y.length);
                }
                t.add(slot.gammaT, xOffset, yOffset, share);
                if (slot.gammaS != null) {
                    s.add(slot.gammaS, yOffset, xOffset, share);
                }
            }
            boolean conditional = problem.conditionDim() > 0;
            Tensor x = Tensors.fromRows(xs.toArray(new double[0][]), dtype);
            Tensor y = Tensors.fromRows(ys.toArray(new double[0][]), dtype);
            return new Stacked(x, conditional ? Tensors.fromRows(xc.toArray(new double[0][]), dtype) : null, vector(xw, dtype),
                    y, conditional ? Tensors.fromRows(yc.toArray(new double[0][]), dtype) : null, vector(yw, dtype),
                    t.rows(), t.cols(), t.weights(dtype), s.rows(), s.cols(), s.weights(dtype));
        }

        private static Tensor vector(List<Double> values, DType dtype) {
            double[] v = new double[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(i);
            }
            return Tensors.fromVector(v, dtype);
        }
    }

    /** One condition's batches, plans and warm-start state. */
    static final class Slot {
        final PlanSolver solverT;
        final PlanSolver solverS;
        int pair;
        double[] condition;
        double[][] x;
        double[][] y;
        Coupling gammaT;
        Coupling gammaS;

        Slot(GammaSolver kind) {
            solverT = new PlanSolver(kind);
            solverS = new PlanSolver(kind);
        }
    }

    /** Plan entries of several slots, shifted to stacked row indices and scaled by the slot's share. */
    private static final class PlanEntries {
        private final List<long[]> index = new ArrayList<>();
        private final List<Double> mass = new ArrayList<>();

        void add(Coupling plan, int rowOffset, int colOffset, double share) {
            for (int k = 0; k < plan.rows().length; k++) {
                index.add(new long[] {plan.rows()[k] + rowOffset, plan.cols()[k] + colOffset});
                mass.add(plan.mass()[k] * share);
            }
        }

        Tensor rows() {
            return indexTensor(0);
        }

        Tensor cols() {
            return indexTensor(1);
        }

        Tensor weights(DType dtype) {
            return Batches.vector(mass, dtype);
        }

        private Tensor indexTensor(int which) {
            long[] v = new long[index.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = index.get(k)[which];
            }
            try (LongPointer data = new LongPointer(v)) {
                return torch.from_blob(data, new long[] {v.length},
                        new TensorOptions().dtype(new ScalarTypeOptional(torch.ScalarType.Long))).clone();
            }
        }
    }
}
