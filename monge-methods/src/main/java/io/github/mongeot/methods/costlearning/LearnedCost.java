package io.github.mongeot.methods.costlearning;

import io.github.mongeot.core.autodiff.Autodiff;
import io.github.mongeot.core.cost.Cost;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.net.Icnn;
import io.github.mongeot.nn.net.MaskedAutoregressiveFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The learned ground cost c(x, y) = h(Φ_μ(x̃) − Φ_ν(ỹ)) of Howard et al. (2024, §3.2), with
 * x̃ = (x − m)/s a fixed normalisation shared by both sides (so without flows the cost is still
 * translation invariant: h((x − y)/s)), h strictly convex (an {@link Icnn} in the symmetric,
 * α-strongly convex form, or a user's function) and Φ optional MAF flows: none, one shared by both
 * sides (a symmetric cost when h is), or two separate ones.
 *
 * <p>"Latent" coordinates are u = Φ_μ(x̃) and v = Φ_ν(ỹ); the entropic map runs there with the
 * translation-invariant cost h(u − v) ({@link #latentCost()}, whose (∇h)⁻¹ is a warm-started,
 * implicitly differentiated batched Newton solve). All tensor methods build autograd graphs.
 */
public final class LearnedCost implements Cost {
    /** Newton tolerance of (∇h)⁻¹ (relative, see {@link LatentCost}) for a float64 h: tight enough for finite-difference checks. */
    private static final double NEWTON_TOLERANCE = 1e-10;
    /** For a float32 h (values carry ~1e-7 relative noise): the gradient norm cannot go much lower. */
    private static final double NEWTON_TOLERANCE_FLOAT32 = 1e-6;

    private final String name;
    private final int dim;
    private final UnaryOperator<Tensor> h;
    private final Icnn icnn;
    private final FlowMode flowMode;
    private final MaskedAutoregressiveFlow flowMu;
    private final MaskedAutoregressiveFlow flowNu;
    private final double[] shift;
    private final double scale;
    private final LatentCost latentCost;
    private final IcnnPairPass pairPass;

    private LearnedCost(String name, int dim, UnaryOperator<Tensor> h, Icnn icnn, FlowMode flowMode,
            MaskedAutoregressiveFlow flowMu, MaskedAutoregressiveFlow flowNu, double[] shift, double scale,
            io.github.mongeot.core.engine.DType pairPrecision) {
        if (shift.length != dim) {
            throw new InvalidInputException("learned cost: shift has " + shift.length + " entries for dimension " + dim);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new InvalidInputException("learned cost: scale must be positive and finite, got " + scale);
        }
        for (MaskedAutoregressiveFlow flow : new MaskedAutoregressiveFlow[] {flowMu, flowNu}) {
            if (flow != null && flow.inputDim() != dim) {
                throw new InvalidInputException("learned cost: flow dimension " + flow.inputDim() + " != cost dimension " + dim);
            }
        }
        this.name = name;
        this.dim = dim;
        this.h = h;
        this.icnn = icnn;
        this.flowMode = flowMode;
        this.flowMu = flowMu;
        this.flowNu = flowNu;
        this.shift = shift.clone();
        this.scale = scale;
        double tolerance = icnn != null && icnn.dtype() == io.github.mongeot.core.engine.DType.FLOAT32
                ? NEWTON_TOLERANCE_FLOAT32 : NEWTON_TOLERANCE;
        this.latentCost = new LatentCost(name, h, tolerance, tolerance == NEWTON_TOLERANCE ? 100 * tolerance : 1e-3);
        this.pairPass = icnn != null && IcnnPairPass.supports(icnn) ? new IcnnPairPass(icnn, pairPrecision) : null;
    }

    /**
     * This cost with its pair pass ({@link #valueAndGradient}) in the given precision: float32 halves
     * the memory traffic of the n·m evaluations of h and ∇h (and of their backward) while h's
     * parameters, Sinkhorn, Newton and the maps stay in the network's precision. Only an ICNN h of the
     * paper's form has a fused pair pass; for any other h this returns the cost unchanged.
     */
    public LearnedCost withPairPrecision(io.github.mongeot.core.engine.DType precision) {
        Objects.requireNonNull(precision, "precision");
        if (pairPass == null) {
            return this;
        }
        return new LearnedCost(name, dim, h, icnn, flowMode, flowMu, flowNu, shift, scale, precision);
    }

    /**
     * {h(z), ∇h(z)} at every point of z (…, d): values (…) and gradients (…, d), differentiable in z and
     * the parameters when grad mode is on (detached otherwise). An ICNN of the paper's form uses the
     * fused first-order pass ({@link IcnnPairPass}); any other h autograd's gradient with a graph.
     */
    public Tensor[] valueAndGradient(Tensor z) {
        boolean graph = org.bytedeco.pytorch.GradMode.is_enabled();
        if (pairPass != null) {
            Tensor[] out = pairPass.valueAndGradient(z);
            return graph ? out : new Tensor[] {out[0].detach(), out[1].detach()};
        }
        org.bytedeco.pytorch.GradMode.set_enabled(true);
        try {
            Tensor d = Autodiff.variable(z);
            Tensor c = h(d);
            Tensor grads = Autodiff.gradientOf(c, d, graph);
            return graph ? new Tensor[] {c, grads} : new Tensor[] {c.detach(), grads.detach()};
        } finally {
            org.bytedeco.pytorch.GradMode.set_enabled(graph);
        }
    }

    /**
     * h an ICNN (convex in its input; use {@code IcnnConfig.symmetricCost} for the paper's form), flows
     * as {@code mode} says ({@code nu} ignored unless separate), normalisation x̃ = (x − shift)/scale.
     */
    public static LearnedCost of(Icnn h, FlowMode mode, MaskedAutoregressiveFlow mu, MaskedAutoregressiveFlow nu,
            double[] shift, double scale) {
        Objects.requireNonNull(h, "h");
        Objects.requireNonNull(mode, "mode");
        if (mode != FlowMode.NONE && mu == null || mode == FlowMode.SEPARATE && nu == null) {
            throw new InvalidInputException("learned cost: flow mode " + mode.id() + " needs its flow(s)");
        }
        MaskedAutoregressiveFlow flowMu = mode == FlowMode.NONE ? null : mu;
        MaskedAutoregressiveFlow flowNu = mode == FlowMode.NONE ? null : mode == FlowMode.SHARED ? mu : nu;
        return new LearnedCost("learned-icnn", h.inputDim(), inPrecisionOf(h), h, mode, flowMu, flowNu, shift, scale, h.dtype());
    }

    /**
     * h evaluated in the network's precision, returned in the input's: a float32 ICNN halves the
     * memory traffic of the n·m cost evaluations while Sinkhorn, Newton and the maps stay float64.
     */
    private static UnaryOperator<Tensor> inPrecisionOf(Icnn h) {
        if (h.dtype() == io.github.mongeot.core.engine.DType.FLOAT64) {
            return h::forward;
        }
        org.bytedeco.pytorch.global.torch.ScalarType network = h.dtype().scalarType();
        return z -> {
            org.bytedeco.pytorch.global.torch.ScalarType in = z.scalar_type();
            return in.value == network.value ? h.forward(z) : h.forward(z.to(network)).to(in);
        };
    }

    /**
     * c(x, y) = h(x − y) for a user's strictly convex h (rows to values, libtorch operations, may close
     * over parameters); no flows, no normalisation. Such a cost trains and maps but is not saved.
     */
    public static LearnedCost custom(String name, int dim, UnaryOperator<Tensor> h) {
        return new LearnedCost(name, dim, Objects.requireNonNull(h, "h"), null, FlowMode.NONE, null, null,
                new double[dim], 1.0, io.github.mongeot.core.engine.DType.FLOAT64);
    }

    @Override
    public String name() {
        return name;
    }

    public int dim() {
        return dim;
    }

    /** The ICNN h, or null for a user-defined h. */
    public Icnn icnn() {
        return icnn;
    }

    public FlowMode flowMode() {
        return flowMode;
    }

    /** Φ_μ (null without flows). */
    public MaskedAutoregressiveFlow flowMu() {
        return flowMu;
    }

    /** Φ_ν (the same object as Φ_μ when shared; null without flows). */
    public MaskedAutoregressiveFlow flowNu() {
        return flowNu;
    }

    public double[] shift() {
        return shift.clone();
    }

    /** The shift as a list (for JSON). */
    public List<Double> shiftList() {
        return java.util.Arrays.stream(shift).boxed().toList();
    }

    public double scale() {
        return scale;
    }

    /** h(u − v) on latent coordinates, with (∇h)⁻¹ by warm-started implicit Newton. */
    public io.github.mongeot.core.cost.TranslationInvariantCost latentCost() {
        return latentCost;
    }

    /** (∇h)⁻¹(w) with the Newton solve started at {@code warmStart}; differentiable in w and θ. */
    public Tensor gradHInverse(Tensor w, Tensor warmStart) {
        return latentCost.gradHInverse(w, warmStart);
    }

    /** h at every point of z (…, d), leading shape kept. */
    public Tensor h(Tensor z) {
        return latentCost.h(z);
    }

    /** The parameters of h (empty for a user's h unless it registers none). */
    public List<Tensor> costParameters() {
        return icnn == null ? List.of() : new ArrayList<>(icnn.namedParameters().values());
    }

    /** The parameters of the flow(s). */
    public List<Tensor> flowParameters() {
        List<Tensor> out = new ArrayList<>();
        if (flowMu != null) {
            out.addAll(flowMu.namedParameters().values());
        }
        if (flowNu != null && flowNu != flowMu) {
            out.addAll(flowNu.namedParameters().values());
        }
        return out;
    }

    /** u = Φ_μ((x − m)/s). */
    public Tensor encodeSource(Tensor x) {
        Tensor z = normalise(x);
        return flowMu == null ? z : flowMu.forward(z);
    }

    /** v = Φ_ν((y − m)/s). */
    public Tensor encodeTarget(Tensor y) {
        Tensor z = normalise(y);
        return flowNu == null ? z : flowNu.forward(z);
    }

    /** x = s Φ_μ⁻¹(u) + m. */
    public Tensor decodeSource(Tensor u) {
        return denormalise(flowMu == null ? u : flowMu.inverse(u));
    }

    /** y = s Φ_ν⁻¹(v) + m. */
    public Tensor decodeTarget(Tensor v) {
        return denormalise(flowNu == null ? v : flowNu.inverse(v));
    }

    /**
     * The ε these options give for the cost matrix C (detached): absolute as given, or relative to
     * mean(C) − h(0). A symmetric convex h is smallest at 0, so mean(C) − h(0) ≥ 0 is the scale of the
     * costs whatever constant h carries (a constant in h changes neither plan nor map).
     */
    public double resolveEpsilon(io.github.mongeot.core.sinkhorn.SinkhornOptions options, Tensor costMatrix) {
        if (!options.isRelative()) {
            return options.epsilon();
        }
        try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope();
                org.bytedeco.pytorch.NoGradGuard noGrad = new org.bytedeco.pytorch.NoGradGuard()) {
            Tensor zero = torch.zeros(new long[] {1, dim}, costMatrix.options());
            double spread = costMatrix.detach().mean().item_double() - h(zero).item_double();
            if (!(spread > 0) || !Double.isFinite(spread)) {
                throw new InvalidInputException("learned cost: mean cost minus h(0) is " + spread
                        + "; a relative epsilon needs it positive (h is not minimal at 0?)");
            }
            return options.epsilonRel() * spread;
        }
    }

    /** mean_i ‖Φ_μ(p̃_i) − Φ_ν(p̃_i)‖² over the rows p (0 unless the flows are separate). */
    public Tensor flowDisagreement(Tensor points) {
        if (flowMode != FlowMode.SEPARATE) {
            return torch.zeros(new long[] {}, points.options());
        }
        Tensor z = normalise(points);
        return Ops.sumLast(flowMu.forward(z).sub(flowNu.forward(z)).square()).mean();
    }

    /**
     * Dirichlet energy ½ mean_i ‖∂Φ(p̃_i)‖²_F of the source flow (or the target flow) at the rows p:
     * the flow-complexity regulariser (Howard et al. 2024, Appendix A.3); 0 without flows.
     */
    public Tensor dirichletEnergy(Tensor points, boolean sourceSide) {
        MaskedAutoregressiveFlow flow = sourceSide ? flowMu : flowNu;
        if (flow == null) {
            return torch.zeros(new long[] {}, points.options());
        }
        Tensor jacobian = Autodiff.jacobian(flow::forward, normalise(points).detach(), true);
        return jacobian.square().sum().div(Tensors.scalar(2.0 * points.size(0)));
    }

    @Override
    public Tensor matrix(Tensor x, Tensor y) {
        return h(Ops.pairwiseDifferences(encodeSource(x), encodeTarget(y)));
    }

    private Tensor normalise(Tensor x) {
        if (x.dim() != 2 || x.size(1) != dim) {
            throw new InvalidInputException("learned cost takes n x " + dim + " points, got " + x.dim() + "-D input"
                    + (x.dim() == 2 ? " with " + x.size(1) + " columns" : ""));
        }
        if (isIdentityNormalisation()) {
            return x;
        }
        return x.sub(Tensors.fromVector(shift, dtypeOf(x))).div(Tensors.scalar(scale));
    }

    private Tensor denormalise(Tensor z) {
        if (isIdentityNormalisation()) {
            return z;
        }
        return z.mul(Tensors.scalar(scale)).add(Tensors.fromVector(shift, dtypeOf(z)));
    }

    private boolean isIdentityNormalisation() {
        if (scale != 1.0) {
            return false;
        }
        for (double v : shift) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    private static io.github.mongeot.core.engine.DType dtypeOf(Tensor t) {
        return t.scalar_type().value == io.github.mongeot.core.engine.DType.FLOAT32.scalarType().value
                ? io.github.mongeot.core.engine.DType.FLOAT32 : io.github.mongeot.core.engine.DType.FLOAT64;
    }

    @Override
    public String toString() {
        return name + " (flows: " + flowMode.id() + ")";
    }
}
