package io.github.mongeot.nn.train;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * Parameters optimised with their own base learning rate (schedules scale it).
 *
 * @param parameters   leaf tensors that require gradients
 * @param learningRate the group's base learning rate (&gt; 0)
 */
public record ParameterGroup(List<Tensor> parameters, double learningRate) {
    public ParameterGroup {
        parameters = List.copyOf(parameters);
        if (parameters.isEmpty()) {
            throw new InvalidInputException("parameter group: no parameters");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidInputException("parameter group: learning rate must be > 0, got " + learningRate);
        }
    }
}
