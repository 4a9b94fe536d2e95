package io.github.mongeot.methods.lagrangian;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.net.Activation;
import io.github.mongeot.nn.net.Mlp;
import io.github.mongeot.nn.net.MlpConfig;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * The learned metric of Pooladian et al. (2024, §5.2): A(x) = R(θ(x)) diag(1, λ) R(θ(x))ᵀ with
 * the angle θ(x) = atan2 of a 2-output MLP o(x/s) (inputs scaled by s), i.e. the unit vector
 * u = o/‖o‖ is the costly direction and u⊥ the cheap one: vᵀAv = (uᵀv)² + λ(u⊥ᵀv)², λ = 0.1.
 */
public final class LearnedMetric implements Metric {
    /** The eigenvalue of the cheap direction. */
    public static final double MINOR = 0.1;
    private final Mlp network;
    private final double scale;

    public LearnedMetric(Mlp network, double scale) {
        if (network.inputDim() != 2 || network.outputDim() != 2) {
            throw new io.github.mongeot.core.data.InvalidInputException("a learned metric needs a 2 → 2 network, got "
                    + network.inputDim() + " → " + network.outputDim());
        }
        this.network = network;
        this.scale = scale;
    }

    /** A fresh 2 → 128 → 128 → 2 network (float64). */
    public static LearnedMetric fresh(double scale, long seed, DType dtype) {
        return new LearnedMetric(new Mlp(MlpConfig.of(2, List.of(128, 128), 2, Activation.LEAKY_RELU).withDtype(dtype), seed),
                scale);
    }

    public Mlp network() {
        return network;
    }

    public double scale() {
        return scale;
    }

    @Override
    public String name() {
        return "learned";
    }

    /** The unit direction u(x) (… × 2). */
    Tensor direction(Tensor x) {
        long[] shape = x.sizes().vec().get();
        Tensor o = network.forward(x.reshape(-1, 2).div(new Scalar(scale))).reshape(shape);
        return o.div(Ops.sumLast(o.square()).add(new Scalar(1e-12)).sqrt().unsqueeze(-1));
    }

    @Override
    public Tensor quadratic(Tensor x, Tensor v) {
        Tensor u = direction(x);
        Tensor along = Ops.sumLast(u.mul(v));
        Tensor across = u.select(-1, 0).mul(v.select(-1, 1)).sub(u.select(-1, 1).mul(v.select(-1, 0)));
        return along.square().add(across.square().mul(new Scalar(MINOR)));
    }

    @Override
    public double[][] matrix(double[] x) {
        double[] u = directions(new double[][] {x})[0];
        return new double[][] {
            {u[0] * u[0] + MINOR * u[1] * u[1], (1 - MINOR) * u[0] * u[1]},
            {(1 - MINOR) * u[0] * u[1], u[1] * u[1] + MINOR * u[0] * u[0]}};
    }

    /** u(x) for many points at once (rows). */
    public double[][] directions(double[][] x) {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            return Tensors.toRows(direction(Tensors.fromRows(x, network.dtype())).to(DType.FLOAT64.scalarType()));
        }
    }
}
