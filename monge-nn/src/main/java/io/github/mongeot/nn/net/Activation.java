package io.github.mongeot.nn.net;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.Locale;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Elementwise activations. {@link #PRELU} has a learned slope (one per activation site, owned by
 * the network); the others are fixed functions.
 */
public enum Activation {
    RELU("relu"),
    /** Leaky ReLU with negative slope 0.01 (PyTorch's default). */
    LEAKY_RELU("leaky_relu"),
    TANH("tanh"),
    SOFTPLUS("softplus"),
    /** CELU with α = 1: x for x > 0, exp(x) − 1 otherwise. */
    CELU("celu"),
    SIGMOID("sigmoid"),
    /** Parametric ReLU: max(0, x) + a·min(0, x) with a learned slope a (initialised to 0.25). */
    PRELU("prelu");

    static final double LEAKY_SLOPE = 0.01;
    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** The name used in configs ("relu", "leaky_relu", ...). */
    public String id() {
        return id;
    }

    /** Convex and non-decreasing: allowed inside an ICNN. */
    public boolean isConvexNonDecreasing() {
        return this == RELU || this == LEAKY_RELU || this == SOFTPLUS || this == CELU;
    }

    /** Applies a fixed activation; {@link #PRELU} needs its slope, see {@link #apply(Tensor, Tensor)}. */
    public Tensor apply(Tensor x) {
        switch (this) {
            case RELU: return x.relu();
            case LEAKY_RELU: return torch.leaky_relu(x, new Scalar(LEAKY_SLOPE));
            case TANH: return x.tanh();
            case SOFTPLUS: return torch.softplus(x);
            case CELU: return torch.celu(x);
            case SIGMOID: return x.sigmoid();
            default: throw new IllegalStateException("prelu needs its learned slope");
        }
    }

    /** Applies the activation; {@code slope} is the PReLU weight (ignored by the others). */
    public Tensor apply(Tensor x, Tensor slope) {
        return this == PRELU ? torch.prelu(x, slope) : apply(x);
    }

    /** Non-decreasing: usable in monotone gradient networks (PReLU's learned slope could turn negative). */
    public boolean isMonotone() {
        return this != PRELU;
    }

    /** The elementwise derivative σ′(x) (for closed-form Jacobians); not for {@link #PRELU}. */
    public Tensor derivative(Tensor x) {
        switch (this) {
            case RELU: return x.sign().relu();
            case LEAKY_RELU: return x.sign().relu().mul(new Scalar(1 - LEAKY_SLOPE)).add(new Scalar(LEAKY_SLOPE));
            case TANH: return x.tanh().square().neg().add(new Scalar(1.0));
            case SOFTPLUS: return x.sigmoid();
            case CELU: return x.neg().relu().neg().exp(); // 1 for x > 0, exp(x) otherwise
            case SIGMOID: {
                Tensor s = x.sigmoid();
                return s.mul(s.neg().add(new Scalar(1.0)));
            }
            default: throw new IllegalStateException("prelu has no fixed derivative");
        }
    }

    /** Parses a config name ("relu", "leaky_relu", "tanh", "softplus", "celu", "sigmoid", "prelu"). */
    public static Activation parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Activation a : values()) {
            if (a.id.equals(key)) {
                return a;
            }
        }
        throw new InvalidInputException("unknown activation '" + name + "' (expected relu, leaky_relu, tanh, softplus, celu, sigmoid or prelu)");
    }
}
