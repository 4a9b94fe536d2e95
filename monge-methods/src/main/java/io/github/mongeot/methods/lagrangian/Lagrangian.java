package io.github.mongeot.methods.lagrangian;

import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.util.Objects;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * L(x, v) = ½vᵀA(x)v − U(x) (Pooladian et al. 2024, eq. 8) and the action of discretised paths.
 * {@link #energy} takes the potential's annealing state: U is multiplied by {@code strength} ∈ [0, 1]
 * and evaluated at sharpness τ.
 */
public record Lagrangian(Metric metric, Potential potential, Energy weighting) {
    public Lagrangian {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(potential, "potential");
        Objects.requireNonNull(weighting, "weighting");
    }

    /** Half the squared Euclidean speed: A = I, U = 0, the integral weighting (c(x, y) = ½‖x − y‖²). */
    public static Lagrangian kinetic() {
        return new Lagrangian(Metric.identity(), Potential.none(), Energy.INTEGRAL);
    }

    /** The action of each path (b × T × d points) → b, at the final annealing state. */
    public Tensor energy(Tensor paths) {
        return energy(paths, 1.0, potential.sharpnessEnd());
    }

    /** The action of each path (b × T × d) → b, with U scaled by {@code strength} at sharpness {@code tau}. */
    public Tensor energy(Tensor paths, double strength, double tau) {
        long steps = paths.size(1);
        Tensor head = paths.narrow(1, 0, steps - 1);
        Tensor delta = paths.narrow(1, 1, steps - 1).sub(head);
        Tensor quad = metric.quadratic(head, delta); // b × (T − 1)
        double dt = 1.0 / (steps - 1);
        switch (weighting) {
            case SQUARED_LENGTH: {
                Tensor length = Ops.sumLast(quad.clamp_min(new Scalar(0.0)).add(new Scalar(1e-18)).sqrt());
                return length.square().mul(new Scalar(0.5));
            }
            case INTEGRAL: {
                Tensor kinetic = Ops.sumLast(quad).mul(Tensors.scalar(0.5 / dt));
                return strength == 0 ? kinetic : kinetic.sub(Ops.sumLast(potential.value(head, tau)).mul(Tensors.scalar(strength * dt)));
            }
            default: {
                Tensor kinetic = Ops.sumLast(quad).mul(Tensors.scalar(0.5));
                return strength == 0 ? kinetic : kinetic.sub(Ops.sumLast(potential.value(head, tau)).mul(Tensors.scalar(strength)));
            }
        }
    }
}
