package io.github.mongeot.nn.net;

import org.bytedeco.pytorch.Tensor;

/** A map network R^d → R^d with a closed-form Jacobian. */
public interface JacobianNetwork {
    /** T(x) for a batch (n × d). */
    Tensor forward(Tensor x);

    /** The Jacobians ∂T_a/∂x_b at each point, shape n × d × d (differentiable in the parameters). */
    Tensor jacobian(Tensor x);

    /** T(x) and its Jacobians together: {T(x), J(x)}; networks override it to share the work. */
    default Tensor[] forwardAndJacobian(Tensor x) {
        return new Tensor[] {forward(x), jacobian(x)};
    }
}
