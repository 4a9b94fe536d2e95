package io.github.mongeot.nn.net;

import org.bytedeco.pytorch.Tensor;

/**
 * A flow's output and the log-determinant of its Jacobian.
 *
 * @param value  the transformed batch (n × d)
 * @param logDet log |det ∂value/∂input| per row, shape [n]
 */
public record FlowOutput(Tensor value, Tensor logDet) {
}
