package io.github.mongeot.nn.train;

import org.bytedeco.pytorch.Tensor;

/**
 * Computes the loss of one training step (0-based {@code step}) as a scalar tensor with its
 * autograd graph; the {@link TrainingLoop} does zero-grad, backward, clipping and the update.
 * It runs inside a fresh {@code PointerScope}: tensors it creates are freed after the step.
 */
@FunctionalInterface
public interface TrainingStep {
    Tensor loss(long step);
}
