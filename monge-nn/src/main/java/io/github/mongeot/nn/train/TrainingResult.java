package io.github.mongeot.nn.train;

import java.util.Map;

/**
 * How a training run ended.
 *
 * @param steps        updates applied
 * @param finalLoss    loss of the last step
 * @param stoppedEarly whether the early-stop rule ended it
 * @param metrics      the last evaluation's metrics (empty if none ran)
 * @param seconds      wall-clock time of the loop
 */
public record TrainingResult(long steps, double finalLoss, boolean stoppedEarly, Map<String, Double> metrics,
        double seconds) {
}
