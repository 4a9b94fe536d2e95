package io.github.mongeot.core.sinkhorn;

import io.github.mongeot.core.cost.Cost;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * Debiased Sinkhorn divergence S_ε(α, β) = OT_ε(α, β) − ½ OT_ε(α, α) − ½ OT_ε(β, β) (Genevay et al.
 * 2018; Feydy et al. 2019): ≥ 0 and 0 when α = β.
 *
 * <p>The self terms use the averaged symmetric iteration (see {@code SymmetricSinkhorn}), which
 * converges in a few tens of steps where the plain one crawls. One ε for all three terms: an absolute ε as given, or a relative ε resolved on the cross cost
 * matrix C_xy. Two conventions for OT_ε: {@link Convention#REGULARIZED} (⟨P, C⟩ + ε KL(P‖a⊗b), OTT's
 * {@code sinkhorn_divergence}) and {@link Convention#LINEAR} (⟨P, C⟩ only, POT's
 * {@code empirical_sinkhorn_divergence}, which also clips at 0; Monge does not clip).
 */
public final class SinkhornDivergence {
    private SinkhornDivergence() {
    }

    /** Which value of each entropic problem enters the divergence. */
    public enum Convention {
        /** OT_ε = ⟨P, C⟩ + ε KL(P ‖ a⊗b) (OTT-JAX). */
        REGULARIZED,
        /** OT_ε = ⟨P, C⟩ at the entropic plan (POT). */
        LINEAR
    }

    /** The divergence and the three solves behind it. */
    public record Value(double value, Convention convention, double epsilon, SinkhornResult xy, SinkhornResult xx,
            SinkhornResult yy) {
        /** True when all three solves converged. */
        public boolean converged() {
            return xy.converged() && xx.converged() && yy.converged();
        }

        /** Iterations of the three solves together. */
        public int iterations() {
            return xy.iterations() + xx.iterations() + yy.iterations();
        }
    }

    /** S_ε in the OTT convention ({@link Convention#REGULARIZED}). */
    public static Value compute(PointCloud source, PointCloud target, Cost cost, SinkhornOptions options) {
        return compute(source, target, cost, options, Convention.REGULARIZED);
    }

    public static Value compute(PointCloud source, PointCloud target, Cost cost, SinkhornOptions options,
            Convention convention) {
        Validation.checkSameDimension(source, target);
        Engine.init();
        try (PointerScope scope = new PointerScope()) {
            Tensor x = source.pointsTensor(DType.FLOAT64);
            Tensor y = target.pointsTensor(DType.FLOAT64);
            Tensor cxy = cost.matrix(x, y).to(options.dtype().scalarType());
            double eps = options.isRelative() ? options.resolveEpsilon(Tensors.item(cxy.mean())) : options.epsilon();
            SinkhornOptions fixed = options.withEpsilon(eps).withWarmStart(null, null);
            double[] a = source.weights();
            double[] b = target.weights();
            SinkhornResult xy = Sinkhorn.solve(cxy, a, b, fixed);
            SinkhornResult xx = SymmetricSinkhorn.solve(cost.matrix(x, x), a, fixed, eps);
            SinkhornResult yy = SymmetricSinkhorn.solve(cost.matrix(y, y), b, fixed, eps);
            double value = convention == Convention.REGULARIZED
                    ? xy.regularizedCost() - 0.5 * (xx.regularizedCost() + yy.regularizedCost())
                    : xy.cost() - 0.5 * (xx.cost() + yy.cost());
            return new Value(value, convention, eps, xy, xx, yy);
        }
    }

    /**
     * S_ε (regularised convention) as a tensor on the caller's graph: differentiable in the points
     * and weights. ε is resolved once on the detached C_xy and shared by the three terms.
     */
    public static Tensor tensor(Tensor x, Tensor y, Cost cost, Tensor a, Tensor b, SinkhornOptions options,
            Differentiation differentiation) {
        Tensor cxy = cost.matrix(x, y);
        double eps = options.isRelative() ? options.resolveEpsilon(Tensors.item(cxy.detach().mean())) : options.epsilon();
        SinkhornOptions fixed = options.withEpsilon(eps).withWarmStart(null, null);
        Tensor xy = DifferentiableSinkhorn.solve(cxy, a, b, fixed, differentiation).regularizedCost();
        Tensor xx = DifferentiableSinkhorn.solve(cost.matrix(x, x), a, a, fixed, differentiation).regularizedCost();
        Tensor yy = DifferentiableSinkhorn.solve(cost.matrix(y, y), b, b, fixed, differentiation).regularizedCost();
        return xy.sub(xx.add(yy).mul(Tensors.scalar(0.5)));
    }
}
