package io.github.mongeot.core.cost;

import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.pytorch.Tensor;

/** h(z) = s‖z‖²: s = 1 is {@code sqeuclidean} (POT/OTT convention), s = ½ is {@code half-sqeuclidean}. */
public final class SquaredEuclidean implements TranslationInvariantCost {
    private static final SquaredEuclidean FULL = new SquaredEuclidean(1.0, "sqeuclidean");
    private static final SquaredEuclidean HALF = new SquaredEuclidean(0.5, "half-sqeuclidean");

    private final double scale;
    private final String name;

    private SquaredEuclidean(double scale, String name) {
        this.scale = scale;
        this.name = name;
    }

    /** ‖x − y‖². */
    public static SquaredEuclidean full() {
        return FULL;
    }

    /** ½‖x − y‖². */
    public static SquaredEuclidean half() {
        return HALF;
    }

    public double scale() {
        return scale;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tensor matrix(Tensor x, Tensor y) {
        Tensor d2 = Ops.squaredDistances(x, y);
        return scale == 1.0 ? d2 : d2.mul(Tensors.scalar(scale));
    }

    @Override
    public Tensor h(Tensor z) {
        return Ops.sumLast(z.mul(z)).mul(Tensors.scalar(scale));
    }

    @Override
    public Tensor gradH(Tensor z) {
        return z.mul(Tensors.scalar(2 * scale));
    }

    @Override
    public Tensor gradHInverse(Tensor w) {
        return w.div(Tensors.scalar(2 * scale));
    }

    @Override
    public String toString() {
        return name;
    }
}
