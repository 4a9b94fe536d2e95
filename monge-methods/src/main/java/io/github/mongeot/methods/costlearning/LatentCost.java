package io.github.mongeot.methods.costlearning;

import io.github.mongeot.core.cost.CustomCost;
import io.github.mongeot.core.cost.TranslationInvariantCost;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.optim.BatchedNewton;
import io.github.mongeot.core.optim.BatchedObjective;
import io.github.mongeot.core.optim.NewtonResult;
import io.github.mongeot.core.optim.NotConvergedException;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * h(u − v) on the latent space. (∇h)⁻¹(w) = argmin_z h(z) − ⟨z, w⟩ (Howard et al. 2024, Prop. 3.1) by
 * {@link BatchedNewton}, warm-started, on the objective divided by s = 1 + max|w| — the same minimiser,
 * but the gradient tolerance becomes relative to the size of the problem — and made differentiable in
 * w and h's parameters by the implicit function theorem ({@link BatchedNewton#attachImplicitGradient}).
 * A float32 h carries ~1e-7 relative noise, so rows that stall within {@code acceptable} of the
 * tolerance are accepted; beyond it the solve fails with {@link NotConvergedException}.
 */
final class LatentCost implements TranslationInvariantCost {
    private final String name;
    private final UnaryOperator<Tensor> h;
    private final CustomCost values;
    private final BatchedNewton solver;
    private final double acceptable;

    LatentCost(String name, UnaryOperator<Tensor> h, double tolerance, double acceptable) {
        this.name = name;
        this.h = h;
        this.solver = BatchedNewton.defaults().withTolerance(tolerance).withMaxIterations(60);
        this.values = CustomCost.builder(name, h).solver(solver).build();
        this.acceptable = acceptable;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tensor h(Tensor z) {
        return values.h(z);
    }

    @Override
    public Tensor gradH(Tensor z) {
        return values.gradH(z);
    }

    @Override
    public Tensor gradHInverse(Tensor w) {
        return gradHInverse(w, w);
    }

    /** (∇h)⁻¹(w) for rows w (n × d) started from {@code warmStart} (same shape). */
    Tensor gradHInverse(Tensor w, Tensor warmStart) {
        if (w.dim() != 2 || !Arrays.equals(w.sizes().vec().get(), warmStart.sizes().vec().get())) {
            throw new InvalidInputException("cost '" + name + "': (grad h)^-1 needs n x d rows and a warm start of that shape");
        }
        Scalar scale = Tensors.scalar(1 + w.detach().abs().max().item_double());
        boolean gradMode = GradMode.is_enabled();
        GradMode.set_enabled(true); // Newton differentiates h even inside a no-grad block
        try {
            NewtonResult r = solver.minimise(objective(w.detach().div(scale), scale), warmStart.detach());
            if (!r.report().converged() && !(r.report().maxGradientNorm() <= acceptable)) {
                throw new NotConvergedException("cost '" + name + "': (grad h)^-1 by Newton: " + r.report(), r.report());
            }
            if (!gradMode) {
                return r.solution();
            }
            return solver.attachImplicitGradient(objective(w.div(scale), scale), r.solution());
        } finally {
            GradMode.set_enabled(gradMode);
        }
    }

    /** φ(z) = (h(z) − ⟨z, w⟩)/s, given w/s. */
    private BatchedObjective objective(Tensor wScaled, Scalar scale) {
        return z -> h.apply(z).reshape(-1).div(scale).sub(Ops.sumLast(z.mul(wScaled)));
    }

    @Override
    public String toString() {
        return name;
    }
}
