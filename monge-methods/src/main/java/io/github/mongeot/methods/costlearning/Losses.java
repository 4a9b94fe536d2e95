package io.github.mongeot.methods.costlearning;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.sinkhorn.Differentiation;
import io.github.mongeot.core.sinkhorn.SinkhornDivergence;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The losses and regularisers of Howard et al. (2024, Appendix A.2–A.3), each a
 * {@link CostLearningLoss} evaluated on the map estimator itself. Sinkhorn divergences use the
 * squared-Euclidean cost with ε relative to the mean cross cost ({@link #DIVERGENCE_EPSILON_REL}).
 */
public final class Losses {
    /** ε_rel of the Sinkhorn divergences inside losses. */
    public static final double DIVERGENCE_EPSILON_REL = 0.05;

    private Losses() {
    }

    /**
     * Paired points (A.2.1, A.2.3): ½ mean‖T(x_i) − y_i‖² + ½ mean‖T⁻¹(y_i) − x_i‖² over the known pairs
     * (rows {source index, target index}); all pairs known is inverse OT.
     */
    public static CostLearningLoss paired(int[][] pairs) {
        long[][] idx = split(pairs);
        return CostLearningLoss.of("paired", m -> {
            Tensor src = index(idx[0]);
            Tensor tgt = index(idx[1]);
            Tensor forward = meanSquared(m.mapSources(idx[0]), m.targets().index_select(0, tgt));
            Tensor reverse = meanSquared(m.inverseTargets(idx[1]), m.sources().index_select(0, src));
            return forward.add(reverse).mul(Tensors.scalar(0.5));
        });
    }

    /** Paired points, forward map only: mean‖T(x_i) − y_i‖² (the paper's first form). */
    public static CostLearningLoss pairedForward(int[][] pairs) {
        long[][] idx = split(pairs);
        return CostLearningLoss.of("paired-forward",
                m -> meanSquared(m.mapSources(idx[0]), m.targets().index_select(0, index(idx[1]))));
    }

    /**
     * Subset-to-subset correspondence (A.2.1): Σ_k S_ε(T#μ̂_k, ν̂_k), source subset k (points labelled k)
     * known to map onto target subset k; uniform weights inside each subset.
     */
    public static CostLearningLoss subsets(int[] sourceLabels, int[] targetLabels) {
        List<long[][]> groups = new ArrayList<>();
        for (int label : distinct(sourceLabels)) {
            long[] s = rowsWith(sourceLabels, label);
            long[] t = rowsWith(targetLabels, label);
            if (t.length == 0) {
                throw new InvalidInputException("subsets: source label " + label + " has no target points");
            }
            groups.add(new long[][] {s, t});
        }
        return CostLearningLoss.of("subsets", m -> {
            Tensor mapped = m.mapSources(null);
            Tensor total = null;
            for (long[][] group : groups) {
                Tensor p = mapped.index_select(0, index(group[0]));
                Tensor q = m.targets().index_select(0, index(group[1]));
                Tensor term = divergence(p, uniform(p), q, uniform(q));
                total = total == null ? term : total.add(term);
            }
            return total;
        });
    }

    /** Distribution fit S_ε(T#μ̂, ν̂) (the extra term of the displacement losses, D.2). */
    public static CostLearningLoss fit() {
        return CostLearningLoss.of("fit", m -> divergence(m.mapSources(null), m.sourceWeights(), m.targets(), m.targetWeights()));
    }

    /** Low-rank displacements (A.2.2): Σ_{i>p} σ_i(D)² for D = [T(x_i) − x_i]_i. */
    public static CostLearningLoss lowRank(int rank) {
        if (rank < 1) {
            throw new InvalidInputException("low-rank loss: rank must be >= 1, got " + rank);
        }
        return CostLearningLoss.of("lowrank", m -> {
            Tensor d = m.mapSources(null).sub(m.sources());
            Tensor sigma = torch.linalg_svdvals(d);
            long k = sigma.size(0);
            if (rank >= k) {
                throw new InvalidInputException("low-rank loss: rank " + rank + " must be below the dimension " + k);
            }
            return sigma.narrow(0, rank, k - rank).square().sum();
        });
    }

    /**
     * k-directional displacements with learned directions (A.2.2):
     * −mean_i LogSumExp_j(−d_cos(T(x_i) − x_i, v_j)), d_cos(u, v) = 1 − u·v/(‖u‖‖v‖) (the paper sums over i;
     * the mean keeps the weight independent of n).
     */
    public static DirectionalLoss directions(int k, int dim, long seed) {
        return new DirectionalLoss(k, dim, seed);
    }

    /** The coupling baseline (Howard et al. 2024, Appendix C): −⟨M, P_θ⟩ with M_ij = 1 on the known pairs. */
    public static CostLearningLoss coupling(int[][] pairs) {
        long[][] idx = split(pairs);
        return CostLearningLoss.of("coupling", m -> {
            Tensor plan = m.plan();
            Tensor rows = plan.index_select(0, index(idx[0]));
            return torch.gather(rows, 1, index(idx[1]).unsqueeze(1)).sum().neg();
        });
    }

    /** Cost-matrix regulariser (A.3): λ (LogSumExp_ij |C_ij|)². */
    public static CostLearningLoss costMax(double lambda) {
        return CostLearningLoss.of("cost-max", m -> {
            Tensor lse = torch.logsumexp(m.costMatrix().abs().reshape(-1), new long[] {0}, false);
            return lse.square().mul(Tensors.scalar(lambda));
        });
    }

    /** Flow closeness (A.3): λ (mean‖Φ_μ − Φ_ν‖² on the sources + the same on the targets); 0 unless separate. */
    public static CostLearningLoss flowCloseness(double lambda) {
        return CostLearningLoss.of("flow-closeness", m -> m.cost().flowDisagreement(m.sources())
                .add(m.cost().flowDisagreement(m.targets())).mul(Tensors.scalar(lambda)));
    }

    /** Flow complexity (A.3): λ (½ mean‖∂Φ_μ‖²_F on the sources + ½ mean‖∂Φ_ν‖²_F on the targets). */
    public static CostLearningLoss flowComplexity(double lambda) {
        return CostLearningLoss.of("flow-complexity", m -> m.cost().dirichletEnergy(m.sources(), true)
                .add(m.cost().dirichletEnergy(m.targets(), false)).mul(Tensors.scalar(lambda)));
    }

    /** S_ε(p, q) with the squared-Euclidean cost, differentiable in p (implicit Sinkhorn gradients). */
    public static Tensor divergence(Tensor p, Tensor a, Tensor q, Tensor b) {
        return SinkhornDivergence.tensor(p, q, SquaredEuclidean.full(), a, b,
                SinkhornOptions.defaults().withEpsilonRel(DIVERGENCE_EPSILON_REL), Differentiation.IMPLICIT);
    }

    /** The learned-directions loss; its directions are trainable and readable after the fit. */
    public static final class DirectionalLoss implements CostLearningLoss {
        private final Tensor directions;

        private DirectionalLoss(int k, int dim, long seed) {
            if (k < 1 || dim < 1) {
                throw new InvalidInputException("directions loss: need k >= 1 directions in dimension >= 1, got k=" + k);
            }
            Random rng = new Random(seed);
            double[][] init = new double[k][dim];
            for (double[] row : init) {
                for (int c = 0; c < dim; c++) {
                    row[c] = rng.nextGaussian();
                }
            }
            try (PointerScope scope = new PointerScope()) {
                Tensor t = Tensors.fromRows(init, DType.FLOAT64).requires_grad_(true);
                t.retainReference();
                this.directions = t;
            }
        }

        @Override
        public String name() {
            return "directions";
        }

        @Override
        public List<Tensor> parameters() {
            return List.of(directions);
        }

        /** The current directions, normalised to unit length (k × d). */
        public double[][] directions() {
            try (PointerScope scope = new PointerScope()) {
                Tensor v = directions.detach();
                return Tensors.toRows(v.div(rowNorms(v).unsqueeze(1)));
            }
        }

        @Override
        public Tensor value(DifferentiableEntropicMap m) {
            Tensor d = m.mapSources(null).sub(m.sources());
            Tensor cos = d.mm(directions.t()).div(rowNorms(d).unsqueeze(1).mul(rowNorms(directions).unsqueeze(0)));
            Tensor distance = cos.neg().add(Tensors.scalar(1.0));
            return torch.logsumexp(distance.neg(), new long[] {1}, false).mean().neg();
        }

        private static Tensor rowNorms(Tensor t) {
            return Ops.sumLast(t.square()).add(Tensors.scalar(1e-12)).sqrt();
        }
    }

    private static Tensor meanSquared(Tensor a, Tensor b) {
        return Ops.sumLast(a.sub(b).square()).mean();
    }

    private static Tensor uniform(Tensor points) {
        long n = points.size(0);
        return torch.full(new long[] {n}, Tensors.scalar(1.0 / n), points.options());
    }

    static Tensor index(long[] rows) {
        double[] v = new double[rows.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rows[i];
        }
        return Tensors.fromVector(v, DType.FLOAT64).to(torch.ScalarType.Long);
    }

    private static long[][] split(int[][] pairs) {
        if (pairs == null || pairs.length == 0) {
            throw new InvalidInputException("pairs: at least one (source, target) pair is needed");
        }
        long[][] out = new long[2][pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            if (pairs[i].length != 2 || pairs[i][0] < 0 || pairs[i][1] < 0) {
                throw new InvalidInputException("pairs: row " + (i + 1) + " must be two non-negative indices");
            }
            out[0][i] = pairs[i][0];
            out[1][i] = pairs[i][1];
        }
        return out;
    }

    private static int[] distinct(int[] labels) {
        return java.util.Arrays.stream(labels).distinct().sorted().toArray();
    }

    private static long[] rowsWith(int[] labels, int label) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label).asLongStream().toArray();
    }
}
