package io.github.mongeot.core.sinkhorn;

import io.github.mongeot.core.cost.Cost;
import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Log-domain Sinkhorn that never forms the n × m cost matrix: each update recomputes the cost
 * block by block from the points (the "online" mode of KeOps/GeomLoss and OTT's online point
 * clouds), so memory is linear in n + m and n = m = 50 000 fits in a few MB of work space.
 *
 * <p>For squared-Euclidean costs one block of the update exponent is a single matrix product of
 * augmented points: with row shift s_i (the previous potential, so the exponent stays near 0),
 * (2c/ε)⟨x_i, y_j⟩ + (g_j − c‖y_j‖²)/ε + log b_j − s_i = [2c x_i/ε, 1, −s_i]·[y_j, w_j, 1]. The block
 * is then exponentiated and summed in place: three passes over it instead of the five of a
 * max-shifted logsumexp. Rows whose sum leaves the safe range are redone with an exact max shift.
 * Other costs are evaluated block by block from {@link Cost#matrix}.
 */
public final class OnlineSinkhorn {
    /** Work block size in bytes: one reused buffer, so the block loop allocates no large tensors. */
    private static final long BLOCK_BYTES = 8L << 20;

    private OnlineSinkhorn() {
    }

    /**
     * Solves between two weighted point clouds. The result has no dense plan ({@link SinkhornResult#plan()}
     * throws); everything else — potentials, costs, error, convergence — is as for {@link Sinkhorn}.
     */
    public static SinkhornResult solve(PointCloud source, PointCloud target, Cost cost, SinkhornOptions options) {
        return solve(source, target, cost, options, BLOCK_BYTES);
    }

    /** As {@link #solve(PointCloud, PointCloud, Cost, SinkhornOptions)} with a given work block size. */
    static SinkhornResult solve(PointCloud source, PointCloud target, Cost cost, SinkhornOptions options,
            long blockBytes) {
        return Engine.withSingleThreadedBlas(() -> solveBlocks(source, target, cost, options, blockBytes));
    }

    private static SinkhornResult solveBlocks(PointCloud source, PointCloud target, Cost cost,
            SinkhornOptions options, long blockBytes) {
        Validation.checkSameDimension(source, target);
        if (options.mode() == SinkhornMode.SCALING) {
            throw new InvalidInputException("online Sinkhorn runs in the log domain; mode SCALING is not available");
        }
        Engine.init();
        long start = System.nanoTime();
        try (PointerScope scope = new PointerScope()) {
            DType dtype = options.dtype();
            Blocks blocks = Blocks.of(source, target, cost, dtype, blockBytes);
            double eps = options.resolveEpsilon(blocks.meanCost());
            int n = source.size();
            int m = target.size();
            double[] f0 = options.initialF();
            double[] g0 = options.initialG();
            if (f0 != null && (f0.length != n || g0.length != m)) {
                throw new InvalidInputException("warm start has lengths " + f0.length + " and " + g0.length
                        + ", the problem is " + n + " x " + m);
            }
            Tensor a = Tensors.fromVector(source.weights(), dtype);
            Tensor b = Tensors.fromVector(target.weights(), dtype);
            Tensor logA = a.log();
            Tensor logB = b.log();
            Tensor f = f0 == null ? torch.zeros(new long[] {n}, Tensors.options(dtype)) : Tensors.fromVector(f0, dtype);
            Tensor g = g0 == null ? null : Tensors.fromVector(g0, dtype);
            int iterations = 0;
            double error = Double.NaN;
            Tensor rowRatio = null;
            List<Double> schedule = Sinkhorn.schedule(eps, options);
            for (int k = 0; k < schedule.size(); k++) {
                double stageEps = schedule.get(k);
                boolean last = k == schedule.size() - 1;
                double threshold = last ? options.threshold() : Math.max(options.threshold(), 1e-3);
                g = blocks.updateTarget(f, logA, stageEps, g == null ? null : g);
                Overrelaxation relaxation = Overrelaxation.of(options.overrelaxation());
                for (int stageIteration = 0; ; stageIteration++) {
                    try (PointerScope iteration = new PointerScope()) {
                        Tensor fNew = blocks.updateSource(g, logB, stageEps, f);
                        // Row marginal of the current plan: (P1)_i = a_i exp((f_i − f_i^new)/ε).
                        Tensor ratio = f.sub(fNew).div(Tensors.scalar(stageEps)).exp();
                        error = Tensors.item(a.mul(ratio.sub(Tensors.scalar(1.0)).abs()).sum());
                        if (!Double.isFinite(error)) {
                            throw SinkhornProblem.nonFinite("online iteration " + iterations, stageEps);
                        }
                        // Over-relaxed g-updates leave the columns inexact: then they must pass the check too.
                        boolean done = error < threshold && (!relaxation.relaxed() || LogDomainIterations.marginalError(
                                b, g.div(Tensors.scalar(stageEps)),
                                blocks.updateTarget(f, logA, stageEps, g).div(Tensors.scalar(stageEps))) < threshold);
                        if (done || iterations >= options.maxIterations()) {
                            if (rowRatio != null) {
                                rowRatio.releaseReference();
                            }
                            rowRatio = ratio.retainReference();
                            break;
                        }
                        if (stageIteration % options.checkEvery() == 0) {
                            relaxation.observe(stageIteration, error);
                        }
                        relaxation.update(f, fNew);
                        relaxation.update(g, blocks.updateTarget(f, logA, stageEps, g));
                        iterations++;
                    }
                }
                if (iterations >= options.maxIterations()) {
                    break;
                }
            }
            Tensor rows = a.mul(rowRatio);
            rowRatio.releaseReference();
            double transportCost = blocks.transportCost(f, g, logA, logB, eps);
            double total = Tensors.item(rows.sum());
            double primal = Tensors.item(f.dot(rows)) + Tensors.item(g.dot(b)) - eps * (total - 1);
            double dual = Tensors.item(f.dot(a)) + Tensors.item(g.dot(b));
            double seconds = (System.nanoTime() - start) / 1e9;
            return new SinkhornResult(Tensors.toFlat(f), Tensors.toFlat(g), source.weights(), target.weights(), eps,
                    transportCost, primal, dual, error, iterations, iterations, 0, error < options.threshold(),
                    SinkhornMode.ONLINE, seconds, null);
        }
    }

    /** The two point clouds and the reused block buffer; computes updates one block at a time. */
    private static final class Blocks {
        private final Tensor x;
        private final Tensor y;
        private final Cost cost;
        /** c in c‖x − y‖², or NaN for a general cost. */
        private final double scale;
        private final Tensor xSq;
        private final Tensor ySq;
        private final Tensor buffer;

        private Blocks(Tensor x, Tensor y, Cost cost, double scale, DType dtype, long blockBytes) {
            this.x = x;
            this.y = y;
            this.cost = cost;
            this.scale = scale;
            this.xSq = Ops.sumLast(x.mul(x));
            this.ySq = Ops.sumLast(y.mul(y));
            long longest = Math.max(x.size(0), y.size(0));
            long rows = Math.max(1, Math.min(Math.max(x.size(0), y.size(0)),
                    blockBytes / (dtype.bytes() * longest)));
            this.buffer = torch.empty(new long[] {rows * longest}, Tensors.options(dtype), null);
        }

        static Blocks of(PointCloud source, PointCloud target, Cost cost, DType dtype, long blockBytes) {
            Tensor x = source.pointsTensor(DType.FLOAT64);
            Tensor y = target.pointsTensor(DType.FLOAT64);
            double scale = Double.NaN;
            if (cost instanceof SquaredEuclidean se) {
                // Translation invariance: centring both clouds on a common point keeps ‖x‖², ‖y‖² and
                // ⟨x, y⟩ small, so their expansion loses no digits (this matters in float32).
                Tensor centre = torch.cat(new TensorVector(x, y)).mean(new long[] {0}, true,
                        new org.bytedeco.pytorch.ScalarTypeOptional());
                x = x.sub(centre);
                y = y.sub(centre);
                scale = se.scale();
            }
            return new Blocks(x.to(dtype.scalarType()).contiguous(), y.to(dtype.scalarType()).contiguous(), cost,
                    scale, dtype, blockBytes);
        }

        /** Unweighted mean of C (what a relative ε refers to), in float64. */
        double meanCost() {
            if (!Double.isNaN(scale)) {
                Tensor xMean = x.to(torch.ScalarType.Double).mean(new long[] {0}, false,
                        new org.bytedeco.pytorch.ScalarTypeOptional());
                Tensor yMean = y.to(torch.ScalarType.Double).mean(new long[] {0}, false,
                        new org.bytedeco.pytorch.ScalarTypeOptional());
                double mean = Tensors.item(xSq.to(torch.ScalarType.Double).mean())
                        + Tensors.item(ySq.to(torch.ScalarType.Double).mean()) - 2 * Tensors.item(xMean.dot(yMean));
                return scale * mean;
            }
            double sum = 0;
            long rows = blockRows(y.size(0));
            for (long i = 0; i < x.size(0); i += rows) {
                try (PointerScope scope = new PointerScope()) {
                    long r = Math.min(rows, x.size(0) - i);
                    sum += Tensors.item(cost.matrix(x.narrow(0, i, r), y).to(torch.ScalarType.Double).sum());
                }
            }
            double mean = sum / ((double) x.size(0) * y.size(0));
            if (!Double.isFinite(mean)) {
                throw new InvalidInputException("cost matrix contains NaN or Inf");
            }
            return mean;
        }

        /** f_i = −ε log Σ_j exp((g_j − C_ij)/ε + log b_j), shifted by the previous f where given. */
        Tensor updateSource(Tensor g, Tensor logB, double eps, Tensor previous) {
            return update(x, xSq, y, ySq, false, g, logB, eps, previous);
        }

        /** g_j = −ε log Σ_i exp((f_i − C_ij)/ε + log a_i). */
        Tensor updateTarget(Tensor f, Tensor logA, double eps, Tensor previous) {
            return update(y, ySq, x, xSq, true, f, logA, eps, previous);
        }

        /**
         * out_i = −ε log Σ_j exp((h_j − c(p_i, q_j))/ε + logW_j) over the rows p of one side and the
         * points q of the other; {@code transposed} says p is the target (the cost is c(q_j, p_i)).
         */
        private Tensor update(Tensor p, Tensor pSq, Tensor q, Tensor qSq, boolean transposed, Tensor h, Tensor logW,
                double eps, Tensor previous) {
            long n = p.size(0);
            long m = q.size(0);
            long rows = blockRows(m);
            Tensor out = torch.empty_like(pSq);
            Tensor colTerm = h.div(Tensors.scalar(eps)).add(logW);
            // Row shift: the previous potential's exponent, so exp stays in range without a max pass.
            Tensor shift = previous == null ? null : previous.neg().div(Tensors.scalar(eps));
            Tensor pAug = null;
            Tensor qAug = null;
            if (!Double.isNaN(scale)) {
                Tensor ones = torch.ones_like(qSq).unsqueeze(1);
                qAug = torch.cat(new TensorVector(q, colTerm.sub(qSq.mul(Tensors.scalar(scale / eps))).unsqueeze(1),
                        ones), 1);
                // The row term −c‖p_i‖²/ε is constant along the sum: fold it into the shift instead.
                Tensor rowShift = shift == null ? torch.zeros_like(pSq)
                        : shift.add(pSq.mul(Tensors.scalar(scale / eps)));
                pAug = torch.cat(new TensorVector(p.mul(Tensors.scalar(2 * scale / eps)),
                        torch.ones_like(pSq).unsqueeze(1), rowShift.neg().unsqueeze(1)), 1);
                shift = rowShift;
            }
            for (long i = 0; i < n; i += rows) {
                try (PointerScope scope = new PointerScope()) {
                    long r = Math.min(rows, n - i);
                    Tensor block = buffer.narrow(0, 0, r * m).view(r, m);
                    boolean exact = previous == null || !fillShifted(block, pAug, qAug, p, q, transposed, colTerm,
                            shift, i, r, eps);
                    Tensor lse;
                    if (exact) {
                        fillExponent(block, pAug, qAug, p, q, transposed, colTerm, i, r, eps);
                        Tensor max = block.amax(new long[] {1}, true);
                        block.sub_(max).exp_();
                        lse = Ops.sum(block, 1).log_().add_(max.squeeze(1));
                    } else {
                        lse = Ops.sum(block, 1).log_().add_(shift.narrow(0, i, r));
                    }
                    out.narrow(0, i, r).copy_(lse);
                }
            }
            Tensor result = out.mul(Tensors.scalar(-eps));
            if (!Double.isNaN(scale)) {
                result.add_(pSq.mul(Tensors.scalar(scale)));
            }
            return result;
        }

        /**
         * Fills exp(exponent − shift_i) into the block; false when a row sum leaves the safe range
         * (over- or underflow), in which case the caller redoes the block with an exact max shift.
         */
        private boolean fillShifted(Tensor block, Tensor pAug, Tensor qAug, Tensor p, Tensor q, boolean transposed,
                Tensor colTerm, Tensor shift, long i, long r, double eps) {
            if (pAug != null) {
                torch.mm_out(block, pAug.narrow(0, i, r), qAug.t());
            } else {
                fillExponent(block, null, null, p, q, transposed, colTerm, i, r, eps);
                block.sub_(shift.narrow(0, i, r).unsqueeze(1));
            }
            block.exp_();
            Tensor sums = Ops.sum(block, 1);
            double lo = Tensors.item(sums.amin());
            double hi = Tensors.item(sums.amax());
            double limit = block.scalar_type() == torch.ScalarType.Float ? 1e30 : 1e280;
            return lo > 1 / limit && hi < limit;
        }

        /** The unshifted exponent (h_j − c(p_i, q_j))/ε + logW_j (squared Euclidean: without −c‖p_i‖²/ε). */
        private void fillExponent(Tensor block, Tensor pAug, Tensor qAug, Tensor p, Tensor q, boolean transposed,
                Tensor colTerm, long i, long r, double eps) {
            if (pAug != null) {
                long d = p.size(1);
                torch.mm_out(block, pAug.narrow(0, i, r).narrow(1, 0, d + 1), qAug.narrow(1, 0, d + 1).t());
                return;
            }
            Tensor rowsP = p.narrow(0, i, r);
            Tensor c = transposed ? cost.matrix(q, rowsP).t() : cost.matrix(rowsP, q);
            torch.sub_out(block, colTerm.unsqueeze(0), c.div(Tensors.scalar(eps)));
        }

        /** ⟨P, C⟩ with P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε), accumulated block by block in float64. */
        double transportCost(Tensor f, Tensor g, Tensor logA, Tensor logB, double eps) {
            long n = x.size(0);
            long m = y.size(0);
            long rows = blockRows(m);
            Tensor rowTerm = f.div(Tensors.scalar(eps)).add(logA);
            Tensor colTerm = g.div(Tensors.scalar(eps)).add(logB);
            double total = 0;
            for (long i = 0; i < n; i += rows) {
                try (PointerScope scope = new PointerScope()) {
                    long r = Math.min(rows, n - i);
                    Tensor c = !Double.isNaN(scale)
                            ? Ops.squaredDistances(x.narrow(0, i, r), y).mul_(Tensors.scalar(scale))
                            : cost.matrix(x.narrow(0, i, r), y);
                    Tensor plan = c.div(Tensors.scalar(-eps)).add_(rowTerm.narrow(0, i, r).unsqueeze(1))
                            .add_(colTerm.unsqueeze(0)).exp_();
                    total += Tensors.item(plan.mul_(c).sum().to(torch.ScalarType.Double));
                }
            }
            if (!Double.isFinite(total)) {
                throw SinkhornProblem.nonFinite("online transport cost", eps);
            }
            return total;
        }

        private long blockRows(long width) {
            return Math.max(1, buffer.size(0) / width);
        }
    }
}
