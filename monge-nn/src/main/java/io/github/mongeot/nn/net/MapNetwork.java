package io.github.mongeot.nn.net;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import org.bytedeco.pytorch.Tensor;

/**
 * A feed-forward map network with an optional condition vector (concatenated to the input) and
 * an optional residual connection x ↦ x + N(x).
 */
public abstract class MapNetwork extends Network {
    private final int inputDim;
    private final int outputDim;
    private final int conditionDim;
    private final boolean residual;

    protected MapNetwork(DType dtype, String device, int inputDim, int outputDim, int conditionDim, boolean residual) {
        super(dtype, device);
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.conditionDim = conditionDim;
        this.residual = residual;
    }

    @Override
    public final int inputDim() {
        return inputDim;
    }

    @Override
    public final int outputDim() {
        return outputDim;
    }

    @Override
    public final int conditionDim() {
        return conditionDim;
    }

    @Override
    public final Tensor forward(Tensor x) {
        if (conditionDim > 0) {
            throw new InvalidInputException("this " + config().type() + " needs a condition: call forward(x, condition)");
        }
        checkInput(x, inputDim, "input");
        return finish(x, body(x));
    }

    @Override
    protected final Tensor forwardConditional(Tensor x, Tensor condition) {
        return finish(x, body(withCondition(x, condition)));
    }

    private Tensor finish(Tensor x, Tensor out) {
        return residual ? x.add(out) : out;
    }

    /** N applied to the (possibly condition-extended) input. */
    protected abstract Tensor body(Tensor input);
}
