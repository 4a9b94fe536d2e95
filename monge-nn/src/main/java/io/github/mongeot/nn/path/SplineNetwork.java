package io.github.mongeot.nn.path;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.nn.net.Mlp;
import java.util.Arrays;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The amortised spline predictor φ_η(x, y) of Pooladian et al. (2024, §3.2, appendix A.3): an MLP
 * on concat(x, y)/s with N·d outputs (times s), so that γ(t) = spline_φ(t) + (1 − t)x + t·y
 * approximates the least-action path from x to y. The scale s (e.g. the domain's half-width)
 * keeps the network's inputs near unit size.
 */
public final class SplineNetwork {
    private final Mlp network;
    private final double scale;
    private final int knots;

    public SplineNetwork(Mlp network, int knots, double scale) {
        if (network.inputDim() % 2 != 0 || network.outputDim() != knots * (network.inputDim() / 2)) {
            throw new InvalidInputException("a spline network for " + knots + " knots maps 2d → " + knots + "·d values, got "
                    + network.inputDim() + " → " + network.outputDim());
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new InvalidInputException("spline network scale must be positive and finite, got " + scale);
        }
        this.network = network;
        this.knots = knots;
        this.scale = scale;
    }

    public Mlp network() {
        return network;
    }

    public double scale() {
        return scale;
    }

    public int knots() {
        return knots;
    }

    public int dim() {
        return network.inputDim() / 2;
    }

    /** Sets the output layer to zero: every predicted path starts as the straight line. */
    public void zeroOutputLayer() {
        String last = null;
        for (String name : network.namedParameters().keySet()) {
            if (name.startsWith("layers.")) {
                last = name.substring(0, name.lastIndexOf('.'));
            }
        }
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (String suffix : Arrays.asList(".weight", ".bias")) {
                network.namedParameters().get(last + suffix).zero_();
            }
        }
    }

    /** φ_η(x, y) as b × N × d. */
    public Tensor parameters(Tensor x, Tensor y) {
        Tensor input = torch.cat(new TensorVector(x, y), 1).div(new Scalar(scale));
        return network.forward(input).mul(new Scalar(scale)).reshape(x.size(0), knots, x.size(1));
    }

    /** The predicted paths on the times of {@code paths}: b × T × d. */
    public Tensor points(SplinePaths paths, Tensor x, Tensor y) {
        return paths.points(parameters(x, y), x, y);
    }
}
