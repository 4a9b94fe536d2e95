package io.github.mongeot.core.sinkhorn;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.pytorch.Tensor;

/** Formulas shared by the solver, the result and the differentiable variants (all tensors, any dtype). */
final class SinkhornKernel {
    private SinkhornKernel() {
    }

    /** log P_ij = log a_i + log b_j + (f_i + g_j − C_ij)/ε. */
    static Tensor logPlan(Tensor c, Tensor f, Tensor g, Tensor logA, Tensor logB, double eps) {
        Tensor rows = f.div(Tensors.scalar(eps)).add(logA).unsqueeze(1);
        Tensor cols = g.div(Tensors.scalar(eps)).add(logB).unsqueeze(0);
        return rows.add(cols).sub(c.div(Tensors.scalar(eps)));
    }

    static Tensor plan(Tensor c, double[] f, double[] g, double[] a, double[] b, double eps) {
        DType dtype = c.scalar_type() == DType.FLOAT32.scalarType() ? DType.FLOAT32 : DType.FLOAT64;
        Tensor logA = Tensors.fromVector(a, dtype).log();
        Tensor logB = Tensors.fromVector(b, dtype).log();
        return logPlan(c, Tensors.fromVector(f, dtype), Tensors.fromVector(g, dtype), logA, logB, eps).exp();
    }

    /** One log-domain f-update: f_i = −ε log Σ_j b_j exp((g_j − C_ij)/ε). */
    static Tensor updateF(Tensor c, Tensor g, Tensor logB, double eps) {
        Tensor z = g.div(Tensors.scalar(eps)).add(logB).unsqueeze(0).sub(c.div(Tensors.scalar(eps)));
        return Ops.logsumexp(z, 1).mul(Tensors.scalar(-eps));
    }

    /** One log-domain g-update: g_j = −ε log Σ_i a_i exp((f_i − C_ij)/ε). */
    static Tensor updateG(Tensor c, Tensor f, Tensor logA, double eps) {
        Tensor z = f.div(Tensors.scalar(eps)).add(logA).unsqueeze(1).sub(c.div(Tensors.scalar(eps)));
        return Ops.logsumexp(z, 0).mul(Tensors.scalar(-eps));
    }
}
