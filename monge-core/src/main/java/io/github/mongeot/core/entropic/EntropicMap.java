package io.github.mongeot.core.entropic;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.cost.TranslationInvariantCost;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * The entropic map estimator built from converged Sinkhorn duals (f on the source, g on the target).
 *
 * <p>Forward: T_ε(x) = x − (∇h)⁻¹(∇f_ε(x)) with f_ε the soft c-transform of g (Cuturi et al. 2023,
 * "Monge, Bregman and Occam"); for squared-Euclidean costs this is the barycentric projection
 * Σ_j p_j(x) y_j (Pooladian &amp; Niles-Weed 2021) and is computed as such. Reverse:
 * T_ε⁻¹(y) = y + (∇h)⁻¹(Σ_i p_i(y) ∇h(x_i − y)) from the soft c-transform of f, which equals
 * y − (∇h̃)⁻¹(∇g_ε(y)) with h̃(z) = h(−z).
 *
 * <p>Immutable; holds plain arrays, so it can be kept, saved and shared across threads.
 */
public final class EntropicMap {
    /**
     * Elements per block of k × m (× d) intermediates when mapping many points. Small blocks (4 MB of
     * doubles) are reused by the allocator; 32 MB blocks paid fresh page faults each time
     * (10 000 points onto 1000: 64 ms → 46 ms median).
     */
    private static final long BLOCK_ELEMENTS = 1L << 19;

    private final TranslationInvariantCost cost;
    private final double epsilon;
    private final PointCloud source;
    private final double[] f;
    private final PointCloud target;
    private final double[] g;

    private EntropicMap(TranslationInvariantCost cost, double epsilon, PointCloud source, double[] f,
            PointCloud target, double[] g) {
        this.cost = cost;
        this.epsilon = Validation.checkPositive("epsilon", epsilon);
        Validation.checkSameDimension(source, target);
        if (f.length != source.size()) {
            throw new InvalidInputException("f has " + f.length + " entries for " + source.size() + " source points");
        }
        if (g.length != target.size()) {
            throw new InvalidInputException("g has " + g.length + " entries for " + target.size() + " target points");
        }
        this.source = source;
        this.f = f.clone();
        this.target = target;
        this.g = g.clone();
    }

    /** The map defined by Sinkhorn duals f (source) and g (target) solved at regularisation ε. */
    public static EntropicMap fromDuals(TranslationInvariantCost cost, double epsilon,
            PointCloud source, double[] f, PointCloud target, double[] g) {
        return new EntropicMap(cost, epsilon, source, f, target, g);
    }

    public TranslationInvariantCost cost() {
        return cost;
    }

    public double epsilon() {
        return epsilon;
    }

    public PointCloud source() {
        return source;
    }

    public PointCloud target() {
        return target;
    }

    public double[] f() {
        return f.clone();
    }

    public double[] g() {
        return g.clone();
    }

    public int dim() {
        return source.dim();
    }

    /** T_ε applied to each row of {@code points}. */
    public double[][] apply(double[][] points) {
        return map(points, false);
    }

    /** T_ε⁻¹ applied to each row of {@code points} (points in the target space). */
    public double[][] applyInverse(double[][] points) {
        return map(points, true);
    }

    /** The source potential f_ε (soft c-transform of g) at each row of {@code points}. */
    public double[] sourcePotential(double[][] points) {
        checkInput(points);
        try (PointerScope scope = new PointerScope()) {
            return Tensors.toFlat(transform(false).potential(Tensors.fromRows(points, DType.FLOAT64)));
        }
    }

    /** The target potential g_ε (soft c-transform of f) at each row of {@code points}. */
    public double[] targetPotential(double[][] points) {
        checkInput(points);
        try (PointerScope scope = new PointerScope()) {
            return Tensors.toFlat(transform(true).potential(Tensors.fromRows(points, DType.FLOAT64)));
        }
    }

    private double[][] map(double[][] points, boolean inverse) {
        checkInput(points);
        int d = dim();
        int m = inverse ? source.size() : target.size();
        int block = (int) Math.max(1, Math.min(points.length, BLOCK_ELEMENTS / ((long) m * d)));
        double[][] out = new double[points.length][];
        try (PointerScope scope = new PointerScope()) {
            SoftCTransform transform = transform(inverse);
            for (int start = 0; start < points.length; start += block) {
                int end = Math.min(points.length, start + block);
                try (PointerScope inner = new PointerScope()) {
                    Tensor q = Tensors.fromRows(java.util.Arrays.copyOfRange(points, start, end), DType.FLOAT64);
                    double[][] mapped = Tensors.toRows(mapBlock(transform, q, inverse));
                    System.arraycopy(mapped, 0, out, start, mapped.length);
                }
            }
        }
        return out;
    }

    private Tensor mapBlock(SoftCTransform transform, Tensor q, boolean inverse) {
        if (cost instanceof SquaredEuclidean) {
            return transform.barycentre(q);
        }
        Tensor grad = transform.gradient(q);
        // forward: x − (∇h)⁻¹(∇f_ε(x));  reverse: y + (∇h)⁻¹(−∇g_ε(y))
        return inverse ? q.add(cost.gradHInverse(grad.neg())) : q.sub(cost.gradHInverse(grad));
    }

    /** The soft c-transform on the side opposite to the query points (tensors owned by the caller's scope). */
    private SoftCTransform transform(boolean inverse) {
        PointCloud support = inverse ? source : target;
        double[] dual = inverse ? f : g;
        return new SoftCTransform(cost, inverse ? SoftCTransform.Side.TARGET : SoftCTransform.Side.SOURCE,
                support.pointsTensor(DType.FLOAT64), support.weightsTensor(DType.FLOAT64),
                Tensors.fromVector(dual, DType.FLOAT64), epsilon);
    }

    private void checkInput(double[][] points) {
        int d = Validation.checkPoints("points to map", points);
        if (d != dim()) {
            throw new InvalidInputException("points to map have " + d + " columns, the map expects " + dim());
        }
    }
}
