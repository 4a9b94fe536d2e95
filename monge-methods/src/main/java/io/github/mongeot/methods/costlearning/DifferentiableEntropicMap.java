package io.github.mongeot.methods.costlearning;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.sinkhorn.DifferentiableSinkhorn;
import io.github.mongeot.core.sinkhorn.Differentiation;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import java.util.Objects;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The entropic map estimator of a {@link LearnedCost} between training clouds, as a differentiable
 * function of the cost's parameters (Howard et al. 2024, Algorithm 1): one instance per training step.
 *
 * <p>On latent coordinates u_i = Φ_μ(x_i), v_j = Φ_ν(y_j) with C_ij = h(u_i − v_j):
 * Sinkhorn gives (f, g) (implicit differentiation, warm-started); the forward estimator is
 * T(x) = Φ_ν⁻¹(u − (∇h)⁻¹(∇f_ε(u))), ∇f_ε(u) = Σ_j p_j(u) ∇h(u − v_j) with
 * p(u) = softmax_j((g_j − h(u − v_j))/ε + log b_j) (eq. 10–11); the reverse estimator is
 * T⁻¹(y) = Φ_μ⁻¹(v + (∇h)⁻¹(Σ_i q_i(v) ∇h(u_i − v))), q(v) = softmax_i((f_i − h(u_i − v))/ε + log a_i)
 * (Appendix A.2.3, written with h̃(z) = h(−z) folded in). (∇h)⁻¹ is a batched Newton solve with
 * implicit gradients, warm-started per training point from the previous step ({@link WarmStart}).
 *
 * <p>At training points, C and ∇h(u_i − v_j) come from one pass of h over the n × m differences and
 * are shared by Sinkhorn, the forward and the reverse map. Tensors belong to the caller's scope.
 */
public final class DifferentiableEntropicMap {
    private final LearnedCost cost;
    private final Tensor x;
    private final Tensor y;
    private final Tensor a;
    private final Tensor b;
    private final Tensor latentSource;
    private final Tensor latentTarget;
    private final Tensor costMatrix;
    private final Tensor gradients;
    private final DifferentiableSinkhorn.Output duals;
    private final WarmStart warmStart;

    private DifferentiableEntropicMap(LearnedCost cost, Tensor x, Tensor y, Tensor a, Tensor b, Tensor u, Tensor v,
            Tensor c, Tensor grads, DifferentiableSinkhorn.Output duals, WarmStart warmStart) {
        this.cost = cost;
        this.x = x;
        this.y = y;
        this.a = a;
        this.b = b;
        this.latentSource = u;
        this.latentTarget = v;
        this.costMatrix = c;
        this.gradients = grads;
        this.duals = duals;
        this.warmStart = warmStart;
    }

    /**
     * Solves the entropic problem between sources x (weights a) and targets y (weights b) under the
     * cost; {@code options} give ε (absolute, or relative to mean(C) − h(0)), threshold and iteration limit;
     * {@code warmStart} (may be null) is read and updated.
     */
    public static DifferentiableEntropicMap solve(LearnedCost cost, Tensor x, Tensor a, Tensor y, Tensor b,
            SinkhornOptions options, WarmStart warmStart) {
        Objects.requireNonNull(cost, "cost");
        if (x.dim() != 2 || y.dim() != 2 || x.size(1) != cost.dim() || y.size(1) != cost.dim()) {
            throw new InvalidInputException("entropic map: sources and targets must be n x " + cost.dim() + " tensors");
        }
        WarmStart warm = warmStart != null ? warmStart : new WarmStart((int) x.size(0), (int) y.size(0));
        Tensor u = cost.encodeSource(x);
        Tensor v = cost.encodeTarget(y);
        Tensor[] hAndGrad = cost.valueAndGradient(Ops.pairwiseDifferences(u, v));
        SinkhornOptions fixed = options.withEpsilon(cost.resolveEpsilon(options, hAndGrad[0]));
        SinkhornOptions started = warm.f() == null ? fixed : fixed.withWarmStart(warm.f(), warm.g());
        // small ε: Sinkhorn sweeps crawl, Newton on the dual finishes; DifferentiableSinkhorn then checks
        double[][] polished = DualNewton.solve(hAndGrad[0].detach(), Tensors.toFlat(a), Tensors.toFlat(b), started);
        started = fixed.withWarmStart(polished[0], polished[1]);
        DifferentiableSinkhorn.Output out = DifferentiableSinkhorn.solve(hAndGrad[0], a, b, started, Differentiation.IMPLICIT);
        warm.duals(Tensors.toFlat(out.f()), Tensors.toFlat(out.g()));
        return new DifferentiableEntropicMap(cost, x, y, a, b, u, v, hAndGrad[0], hAndGrad[1], out, warm);
    }

    public LearnedCost cost() {
        return cost;
    }

    /** C_ij = c(x_i, y_j) (on the graph). */
    public Tensor costMatrix() {
        return costMatrix;
    }

    /** The entropic plan P_ij (on the graph, through the implicit Sinkhorn gradients). */
    public Tensor plan() {
        return duals.plan(costMatrix, a, b);
    }

    /** Sinkhorn's output: duals on the graph, ε, iterations, convergence. */
    public DifferentiableSinkhorn.Output duals() {
        return duals;
    }

    public double epsilon() {
        return duals.epsilon();
    }

    /** The training sources (data coordinates). */
    public Tensor sources() {
        return x;
    }

    /** The training targets (data coordinates). */
    public Tensor targets() {
        return y;
    }

    public Tensor sourceWeights() {
        return a;
    }

    public Tensor targetWeights() {
        return b;
    }

    /** Latent training sources Φ_μ(x̃_i) (on the graph). */
    public Tensor latentSource() {
        return latentSource;
    }

    /** Latent training targets Φ_ν(ỹ_j) (on the graph). */
    public Tensor latentTarget() {
        return latentTarget;
    }

    /** T(x_i) at the training sources with the given row indices (null: all), in data coordinates. */
    public Tensor mapSources(long[] index) {
        long[] rows = index == null ? range(latentSource.size(0)) : index;
        Tensor idx = indexTensor(rows);
        Tensor logits = duals.g().unsqueeze(0).sub(costMatrix.index_select(0, idx)).div(Tensors.scalar(epsilon()))
                .add(b.log().unsqueeze(0));
        Tensor w = Ops.sum(torch.softmax(logits, 1).unsqueeze(2).mul(gradients.index_select(0, idx)), 1);
        Tensor z = solveGradHInverse(w, true, rows);
        return cost.decodeTarget(latentSource.index_select(0, idx).sub(z));
    }

    /** T⁻¹(y_j) at the training targets with the given row indices (null: all), in data coordinates. */
    public Tensor inverseTargets(long[] index) {
        long[] rows = index == null ? range(latentTarget.size(0)) : index;
        Tensor idx = indexTensor(rows);
        Tensor logits = duals.f().unsqueeze(0).sub(costMatrix.index_select(1, idx).t()).div(Tensors.scalar(epsilon()))
                .add(a.log().unsqueeze(0));
        Tensor q = torch.softmax(logits, 1); // k × n
        Tensor w = Ops.sum(q.t().unsqueeze(2).mul(gradients.index_select(1, idx)), 0);
        Tensor z = solveGradHInverse(w, false, rows);
        return cost.decodeSource(latentTarget.index_select(0, idx).add(z));
    }

    /** T at arbitrary points (k × d, data coordinates); (∇h)⁻¹ starts from its argument. */
    public Tensor map(Tensor points) {
        Tensor u = cost.encodeSource(points);
        Tensor[] hg = cost.valueAndGradient(Ops.pairwiseDifferences(u, latentTarget));
        Tensor logits = duals.g().unsqueeze(0).sub(hg[0]).div(Tensors.scalar(epsilon())).add(b.log().unsqueeze(0));
        Tensor w = Ops.sum(torch.softmax(logits, 1).unsqueeze(2).mul(hg[1]), 1);
        return cost.decodeTarget(u.sub(cost.latentCost().gradHInverse(w)));
    }

    /** T⁻¹ at arbitrary points (k × d, data coordinates). */
    public Tensor inverse(Tensor points) {
        Tensor v = cost.encodeTarget(points);
        Tensor[] hg = cost.valueAndGradient(Ops.pairwiseDifferences(latentSource, v)); // n × k
        Tensor logits = duals.f().unsqueeze(0).sub(hg[0].t()).div(Tensors.scalar(epsilon())).add(a.log().unsqueeze(0));
        Tensor w = Ops.sum(torch.softmax(logits, 1).t().unsqueeze(2).mul(hg[1]), 0);
        return cost.decodeSource(v.add(cost.latentCost().gradHInverse(w)));
    }

    private Tensor solveGradHInverse(Tensor w, boolean source, long[] rows) {
        Tensor z = cost.gradHInverse(w, warmStart.start(source, rows, w.detach()));
        warmStart.remember(source, rows, z.detach());
        return z;
    }

    private static long[] range(long n) {
        long[] r = new long[(int) n];
        for (int i = 0; i < r.length; i++) {
            r[i] = i;
        }
        return r;
    }

    private static Tensor indexTensor(long[] rows) {
        double[] values = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            values[i] = rows[i];
        }
        return Tensors.fromVector(values, io.github.mongeot.core.engine.DType.FLOAT64).to(torch.ScalarType.Long);
    }
}
