package io.github.mongeot.core.cost;

import io.github.mongeot.core.autodiff.Autodiff;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.optim.BatchedNewton;
import io.github.mongeot.core.optim.BatchedObjective;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Tensor;

/**
 * A translation-invariant cost c(x, y) = h(x − y) from a user's strictly convex h.
 *
 * <p>Only h is required: a function from an n × d tensor of rows to n values, built from libtorch
 * operations (it may close over parameter tensors that require gradients). ∇h defaults to
 * autograd of h, and (∇h)⁻¹(w) = argmin_z h(z) − ⟨z, w⟩ to a batched Newton solve
 * ({@link BatchedNewton}) started from w (or a given warm start), made differentiable w.r.t. w and
 * h's parameters by implicit differentiation. Supply closed forms when known — they are faster.
 *
 * <p>Tensors of any leading shape (…, d) are accepted; the user functions see them flattened to rows.
 * Run under {@code NoGradGuard} when no gradients are needed: then the inverse skips the extra
 * implicit-differentiation step.
 */
public final class CustomCost implements TranslationInvariantCost {
    private final String name;
    private final UnaryOperator<Tensor> h;
    private final UnaryOperator<Tensor> gradH;
    private final UnaryOperator<Tensor> gradHInverse;
    private final BatchedNewton solver;

    private CustomCost(Builder b) {
        this.name = b.name;
        this.h = b.h;
        this.gradH = b.gradH;
        this.gradHInverse = b.gradHInverse;
        this.solver = b.solver;
    }

    /** Starts a cost named {@code name} (as reports show it) with h mapping n × d rows to n values. */
    public static Builder builder(String name, UnaryOperator<Tensor> h) {
        return new Builder(name, h);
    }

    @Override
    public String name() {
        return name;
    }

    /** Whether ∇h is the user's closed form (else autograd). */
    public boolean hasClosedFormGradient() {
        return gradH != null;
    }

    /** Whether (∇h)⁻¹ is the user's closed form (else the Newton solver). */
    public boolean hasClosedFormInverse() {
        return gradHInverse != null;
    }

    @Override
    public Tensor h(Tensor z) {
        Tensor rows = rows(z);
        Tensor values = h.apply(rows);
        if (values.numel() != rows.size(0)) {
            throw new InvalidInputException("cost '" + name + "': h must return one value per row, got "
                    + values.numel() + " values for " + rows.size(0) + " rows");
        }
        return values.reshape(leading(z));
    }

    @Override
    public Tensor gradH(Tensor z) {
        Tensor rows = rows(z);
        Tensor g = gradH != null ? gradH.apply(rows) : autogradH(rows);
        return g.reshape(z.sizes().vec().get());
    }

    @Override
    public Tensor gradHInverse(Tensor w) {
        return gradHInverse(w, w);
    }

    /**
     * (∇h)⁻¹(w) with the Newton solve warm-started at {@code warmStart} (same shape as w; ignored
     * when a closed form was supplied). Throws {@link io.github.mongeot.core.optim.NotConvergedException}
     * if some row does not reach the solver's tolerance.
     */
    public Tensor gradHInverse(Tensor w, Tensor warmStart) {
        if (gradHInverse != null) {
            return gradHInverse.apply(rows(w)).reshape(w.sizes().vec().get());
        }
        if (!java.util.Arrays.equals(warmStart.sizes().vec().get(), w.sizes().vec().get())) {
            throw new InvalidInputException("cost '" + name + "': warm start must have the shape of w");
        }
        Tensor wRows = rows(w);
        boolean gradMode = GradMode.is_enabled();
        GradMode.set_enabled(true); // the solver differentiates h, even inside a no-grad block
        try {
            Tensor wFixed = wRows.detach();
            BatchedObjective fixed = objective(wFixed);
            Tensor solution = solver.minimise(fixed, rows(warmStart).detach())
                    .solutionOrThrow("cost '" + name + "': (grad h)^-1 by Newton");
            if (!gradMode) {
                return solution.reshape(w.sizes().vec().get());
            }
            return solver.attachImplicitGradient(objective(wRows), solution).reshape(w.sizes().vec().get());
        } finally {
            GradMode.set_enabled(gradMode);
        }
    }

    @Override
    public Tensor matrix(Tensor x, Tensor y) {
        return h(Ops.pairwiseDifferences(x, y));
    }

    /** φ(z) = h(z) − ⟨z, w⟩ row by row, with ∇φ = ∇h − w (closed form if the user gave ∇h). */
    private BatchedObjective objective(Tensor w) {
        return new BatchedObjective() {
            @Override
            public Tensor value(Tensor z) {
                return h.apply(z).reshape(-1).sub(Ops.sumLast(z.mul(w)));
            }

            @Override
            public Tensor gradient(Tensor z, boolean createGraph) {
                if (gradH == null) {
                    return BatchedObjective.super.gradient(z, createGraph);
                }
                return gradH.apply(z).sub(w);
            }
        };
    }

    private Tensor autogradH(Tensor rows) {
        boolean gradMode = GradMode.is_enabled();
        GradMode.set_enabled(true);
        try {
            Tensor g = Autodiff.gradient(v -> h.apply(v), rows, gradMode);
            return gradMode ? g : g.detach();
        } finally {
            GradMode.set_enabled(gradMode);
        }
    }

    private static Tensor rows(Tensor z) {
        if (z.dim() < 1) {
            throw new InvalidInputException("cost input must have at least one dimension (the point's coordinates)");
        }
        return z.dim() == 2 ? z : z.reshape(-1, z.size(-1));
    }

    private static long[] leading(Tensor z) {
        long[] shape = z.sizes().vec().get();
        return java.util.Arrays.copyOf(shape, shape.length - 1);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Collects the optional closed forms and the solver settings. */
    public static final class Builder {
        private final String name;
        private final UnaryOperator<Tensor> h;
        private UnaryOperator<Tensor> gradH;
        private UnaryOperator<Tensor> gradHInverse;
        private BatchedNewton solver = BatchedNewton.defaults();

        private Builder(String name, UnaryOperator<Tensor> h) {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("custom cost: name must not be blank");
            }
            if (h == null) {
                throw new InvalidInputException("custom cost '" + name + "': h must not be null");
            }
            this.name = name;
            this.h = h;
        }

        /** ∇h as a closed form (rows to rows); must be differentiable in z if the Newton solver is used. */
        public Builder gradH(UnaryOperator<Tensor> gradH) {
            this.gradH = Objects.requireNonNull(gradH, "gradH");
            return this;
        }

        /** (∇h)⁻¹ = ∇h* as a closed form (rows to rows). */
        public Builder gradHInverse(UnaryOperator<Tensor> gradHInverse) {
            this.gradHInverse = Objects.requireNonNull(gradHInverse, "gradHInverse");
            return this;
        }

        /** The Newton solver for (∇h)⁻¹ (tolerance, iteration limit). */
        public Builder solver(BatchedNewton solver) {
            this.solver = Objects.requireNonNull(solver, "solver");
            return this;
        }

        public CustomCost build() {
            return new CustomCost(this);
        }
    }
}
