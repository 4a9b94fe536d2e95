package io.github.mongeot.nn.train;

/**
 * Training met a NaN or infinite loss (or gradient norm). The parameters have been restored to the
 * last good snapshot, taken after {@link #lastGoodStep()} updates (−1 if there was none).
 */
public final class NonFiniteLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long step;
    private final long lastGoodStep;
    private final double value;

    public NonFiniteLossException(String what, long step, double value, long lastGoodStep) {
        super(what + " is " + value + " at step " + step
                + (lastGoodStep >= 0 ? "; parameters restored to the last good checkpoint (step " + lastGoodStep + ")"
                        : "; no good checkpoint was taken"));
        this.step = step;
        this.lastGoodStep = lastGoodStep;
        this.value = value;
    }

    /** The 0-based step whose loss was not finite. */
    public long step() {
        return step;
    }

    public long lastGoodStep() {
        return lastGoodStep;
    }

    public double value() {
        return value;
    }
}
