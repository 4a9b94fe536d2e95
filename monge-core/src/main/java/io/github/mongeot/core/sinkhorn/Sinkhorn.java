package io.github.mongeot.core.sinkhorn;

import io.github.mongeot.core.cost.Cost;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Entropic optimal transport min_P ⟨P, C⟩ + ε KL(P ‖ a⊗b) by Sinkhorn iterations on libtorch tensors.
 *
 * <pre>{@code
 * SinkhornResult r = Sinkhorn.solve(source, target, SquaredEuclidean.full(),
 *         SinkhornOptions.defaults().withEpsilonRel(0.01));
 * if (!r.converged()) System.err.println("not converged: error " + r.marginalError());
 * }</pre>
 *
 * <p>Non-convergence within the iteration cap is reported ({@link SinkhornResult#converged()} false
 * with the error), not thrown; NaN/Inf throws an {@link ArithmeticException}. See {@link SinkhornMode}
 * for the log-domain and the (default) stabilised scaling iterations.
 */
public final class Sinkhorn {
    /** Error at which intermediate ε-scaling stages hand over to the next ε. */
    private static final double STAGE_THRESHOLD = 1e-3;
    /** AUTO: after this many scaling failures the rest of the solve stays in the log domain. */
    private static final int MAX_SCALING_FAILURES = 3;

    private Sinkhorn() {
    }

    /** AUTO switches to {@link SinkhornMode#ONLINE} above this many bytes of cost matrix. */
    static final long DENSE_BYTES_LIMIT = 2L << 30;

    /**
     * Solves between two weighted point clouds for a ground cost; in {@link SinkhornMode#ONLINE} (or
     * AUTO with a cost matrix over 2 GiB) without forming the cost matrix.
     */
    public static SinkhornResult solve(PointCloud source, PointCloud target, Cost cost, SinkhornOptions options) {
        Validation.checkSameDimension(source, target);
        long denseBytes = (long) source.size() * target.size() * options.dtype().bytes();
        if (options.mode() == SinkhornMode.ONLINE
                || (options.mode() == SinkhornMode.AUTO && denseBytes > DENSE_BYTES_LIMIT)) {
            return OnlineSinkhorn.solve(source, target, cost, options);
        }
        Engine.init();
        try (PointerScope scope = new PointerScope()) {
            DType dtype = options.dtype();
            Tensor c = cost.matrix(source.pointsTensor(DType.FLOAT64), target.pointsTensor(DType.FLOAT64));
            return solve(c.to(dtype.scalarType()), source.weights(), target.weights(), options);
        }
    }

    /** Solves for an n × m cost matrix and weights a (length n) and b (length m), each summing to 1. */
    public static SinkhornResult solve(double[][] costMatrix, double[] a, double[] b, SinkhornOptions options) {
        Validation.checkPoints("cost matrix", costMatrix);
        try (PointerScope scope = new PointerScope()) {
            return solve(Tensors.fromRows(costMatrix, options.dtype()), a, b, options);
        }
    }

    /**
     * Solves for a cost matrix tensor (detached; converted to the options' dtype). The result keeps a
     * reference to it for {@link SinkhornResult#plan()}: do not modify it in place afterwards.
     */
    public static SinkhornResult solve(Tensor costMatrix, double[] a, double[] b, SinkhornOptions options) {
        Engine.init();
        if (options.mode() == SinkhornMode.ONLINE) {
            throw new InvalidInputException("mode ONLINE solves from point clouds, not from a cost matrix");
        }
        if (costMatrix.dim() != 2) {
            throw new InvalidInputException("cost matrix must be 2-D, got " + costMatrix.dim() + " dimensions");
        }
        int n = (int) costMatrix.size(0);
        int m = (int) costMatrix.size(1);
        if (n == 0 || m == 0) {
            throw new InvalidInputException("cost matrix is empty (" + n + " x " + m + ")");
        }
        Validation.checkWeights("source weights", a, n);
        Validation.checkWeights("target weights", b, m);
        double[] f0 = options.initialF();
        double[] g0 = options.initialG();
        if (f0 != null && (f0.length != n || g0.length != m)) {
            throw new InvalidInputException("warm start has lengths " + f0.length + " and " + g0.length
                    + ", the problem is " + n + " x " + m);
        }
        long start = System.nanoTime();
        org.bytedeco.pytorch.Context.setFlushDenormal(true);
        try (PointerScope scope = new PointerScope()) {
            DType dtype = options.dtype();
            Tensor c = costMatrix.detach().to(dtype.scalarType()).contiguous();
            double meanCost = Tensors.item(c.mean());
            if (!Double.isFinite(meanCost)) {
                throw new InvalidInputException("cost matrix contains NaN or Inf");
            }
            double eps = options.resolveEpsilon(meanCost);
            Tensor ta = Tensors.fromVector(a, dtype);
            Tensor tb = Tensors.fromVector(b, dtype);
            SinkhornProblem p = new SinkhornProblem(c, ta, tb, ta.log(), tb.log());
            Tensor f = f0 == null ? torch.zeros(new long[] {n}, Tensors.options(dtype)) : Tensors.fromVector(f0, dtype);
            Tensor g = g0 == null ? torch.zeros(new long[] {m}, Tensors.options(dtype)) : Tensors.fromVector(g0, dtype);
            Run run = new Run(p, options);
            List<Double> schedule = schedule(eps, options);
            for (int k = 0; k < schedule.size() && run.remaining() > 0; k++) {
                boolean last = k == schedule.size() - 1;
                double stageEps = schedule.get(k);
                double threshold = last ? options.threshold() : Math.max(options.threshold(), STAGE_THRESHOLD);
                Tensor fs = f.div(Tensors.scalar(stageEps));
                Tensor gs = g.div(Tensors.scalar(stageEps));
                if (f0 != null && k == 0) {
                    // Warm start: one g-update so the first error check already measures a g-updated plan.
                    gs.copy_(SinkhornKernel.updateG(c, f, p.logA(), stageEps).div(Tensors.scalar(stageEps)));
                }
                boolean gUpdated = f0 != null && k == 0;
                run.stage(fs, gs, stageEps, threshold, gUpdated);
                f = fs.mul(Tensors.scalar(stageEps));
                g = gs.mul(Tensors.scalar(stageEps));
            }
            return finish(p, f, g, eps, run, start, options);
        } finally {
            org.bytedeco.pytorch.Context.setFlushDenormal(false);
        }
    }

    /** ε-scaling schedule ending at the target ε (a single stage without ε-scaling). */
    static List<Double> schedule(double eps, SinkhornOptions options) {
        List<Double> stages = new ArrayList<>();
        if (options.hasEpsilonScaling()) {
            double e = eps * options.scalingStart();
            while (e > eps * (1 + 1e-12)) {
                stages.add(e);
                e *= options.scalingFactor();
            }
        }
        stages.add(eps);
        return stages;
    }

    private static SinkhornResult finish(SinkhornProblem p, Tensor f, Tensor g, double eps, Run run,
            long startNanos, SinkhornOptions options) {
        Tensor c = p.costMatrix();
        // The plan in one n × m buffer: P = exp(log a_i + log b_j + (f_i + g_j − C_ij)/ε).
        Tensor plan = c.div(Tensors.scalar(-eps));
        plan.add_(f.div(Tensors.scalar(eps)).add(p.logA()).unsqueeze(1))
                .add_(g.div(Tensors.scalar(eps)).add(p.logB()).unsqueeze(0)).exp_();
        Tensor rows = plan.sum(1);
        Tensor cols = plan.sum(0);
        double cost = Tensors.item(plan.mul_(c).sum());
        // Primal value: ⟨P,C⟩ + ε Σ P (log P/ab − 1) + ε with log P/ab = (f_i + g_j − C_ij)/ε.
        double total = Tensors.item(rows.sum());
        double primal = Tensors.item(f.dot(rows)) + Tensors.item(g.dot(cols)) - eps * (total - 1);
        double dual = Tensors.item(f.dot(p.a())) + Tensors.item(g.dot(p.b()));
        double error = Tensors.item(rows.sub(p.a()).abs().sum());
        double[] fArray = Tensors.toFlat(f);
        double[] gArray = Tensors.toFlat(g);
        if (!Double.isFinite(cost) || !Double.isFinite(primal) || !Double.isFinite(error)
                || !allFinite(fArray) || !allFinite(gArray)) {
            throw SinkhornProblem.nonFinite("final potentials", eps);
        }
        c.retainReference();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new SinkhornResult(fArray, gArray, Tensors.toFlat(p.a()), Tensors.toFlat(p.b()), eps, cost, primal,
                dual, error, run.iterations, run.logIterations, run.absorptions,
                error < options.threshold(), run.lastMode, seconds, c);
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Iteration bookkeeping across ε stages and mode switches. */
    private static final class Run {
        private final SinkhornProblem p;
        private final SinkhornOptions options;
        int iterations;
        int logIterations;
        int absorptions;
        int scalingFailures;
        SinkhornMode lastMode;
        /** One per ε stage: the convergence rate, hence the best ω, depends on ε. */
        private Overrelaxation relaxation;

        Run(SinkhornProblem p, SinkhornOptions options) {
            this.p = p;
            this.options = options;
            this.lastMode = options.mode() == SinkhornMode.LOG ? SinkhornMode.LOG : SinkhornMode.SCALING;
        }

        int remaining() {
            return options.maxIterations() - iterations;
        }

        /** Runs one ε stage in place on the scaled potentials. */
        void stage(Tensor fs, Tensor gs, double eps, double threshold, boolean gUpdated) {
            int k = options.checkEvery();
            relaxation = Overrelaxation.of(options.overrelaxation());
            switch (options.mode()) {
                case LOG:
                    log(fs, gs, eps, threshold, remaining(), gUpdated);
                    return;
                case SCALING: {
                    StageOutcome out = scaling(fs, gs, eps, threshold, gUpdated);
                    if (out.failed()) {
                        throw new ArithmeticException("Sinkhorn scaling mode under/overflowed at epsilon " + eps
                                + " (iteration " + iterations + "); use mode AUTO or LOG for this epsilon");
                    }
                    return;
                }
                default: {
                    boolean measured = gUpdated;
                    while (remaining() > 0) {
                        if (scalingFailures >= MAX_SCALING_FAILURES) {
                            log(fs, gs, eps, threshold, remaining(), measured);
                            return;
                        }
                        StageOutcome out = scaling(fs, gs, eps, threshold, measured);
                        if (!out.failed()) {
                            return;
                        }
                        scalingFailures++;
                        // A few stable log-domain iterations bring the potentials close enough for the kernel.
                        StageOutcome logOut = log(fs, gs, eps, threshold, Math.min(remaining(), Math.max(2 * k, 20)),
                                measured || out.iterations() > 0);
                        if (logOut.converged()) {
                            return;
                        }
                        measured = true;
                    }
                }
            }
        }

        private StageOutcome scaling(Tensor fs, Tensor gs, double eps, double threshold, boolean gUpdated) {
            StageOutcome out = ScalingIterations.run(p, fs, gs, eps, threshold, remaining(), options.checkEvery(),
                    gUpdated, options.absorbBound(), relaxation);
            iterations += out.iterations();
            absorptions += out.absorptions();
            lastMode = SinkhornMode.SCALING;
            return out;
        }

        private StageOutcome log(Tensor fs, Tensor gs, double eps, double threshold, int budget, boolean gUpdated) {
            StageOutcome out = LogDomainIterations.run(p, fs, gs, eps, threshold, budget, options.checkEvery(), gUpdated,
                    relaxation);
            iterations += out.iterations();
            logIterations += out.iterations();
            lastMode = SinkhornMode.LOG;
            return out;
        }
    }
}
