package io.github.mongeot.core.cost;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.pytorch.Tensor;

/**
 * h(z) = ‖z‖_p^p / p for p > 1 ({@code pnorm:p}). Coordinate-wise ∇h(z)_k = sign(z_k)|z_k|^{p−1}
 * and (∇h)⁻¹(w)_k = sign(w_k)|w_k|^{1/(p−1)} (Cuturi et al. 2023, "Monge, Bregman and Occam").
 */
public final class PNormCost implements TranslationInvariantCost {
    private final double p;

    public PNormCost(double p) {
        if (!(p > 1) || !Double.isFinite(p)) {
            throw new InvalidInputException("pnorm cost needs p > 1, got " + p);
        }
        this.p = p;
    }

    public double p() {
        return p;
    }

    @Override
    public String name() {
        return "pnorm:" + formatP();
    }

    @Override
    public Tensor h(Tensor z) {
        return Ops.sumLast(z.abs().pow(Tensors.scalar(p))).div(Tensors.scalar(p));
    }

    @Override
    public Tensor gradH(Tensor z) {
        return z.sign().mul(z.abs().pow(Tensors.scalar(p - 1)));
    }

    @Override
    public Tensor gradHInverse(Tensor w) {
        return w.sign().mul(w.abs().pow(Tensors.scalar(1 / (p - 1))));
    }

    private String formatP() {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    @Override
    public String toString() {
        return name();
    }
}
