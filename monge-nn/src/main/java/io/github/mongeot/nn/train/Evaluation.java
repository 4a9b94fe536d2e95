package io.github.mongeot.nn.train;

import java.util.Map;

/** A periodic evaluation: named metrics (e.g. "val_loss", "l2_uvp") after {@code step} updates. */
@FunctionalInterface
public interface Evaluation {
    Map<String, Double> evaluate(long step);
}
