package io.github.mongeot.core.sinkhorn;

import org.bytedeco.pytorch.Tensor;

/** The inputs of one solve as tensors in the solve's dtype (owned by the solve's scope). */
record SinkhornProblem(Tensor costMatrix, Tensor a, Tensor b, Tensor logA, Tensor logB) {
    static ArithmeticException nonFinite(String where, double eps) {
        return new ArithmeticException("Sinkhorn produced NaN/Inf (" + where + ", epsilon " + eps
                + "): check the cost matrix and weights, or use a larger epsilon");
    }
}
