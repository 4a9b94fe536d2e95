package io.github.mongeot.methods.costlearning;

import io.github.mongeot.core.engine.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.bytedeco.pytorch.Tensor;

/**
 * A differentiable training objective on the learned map estimator: any function of the step's
 * {@link DifferentiableEntropicMap} (its forward and reverse maps at training or new points, its plan,
 * its cost matrix) built from libtorch operations. Losses add and scale; a loss may own extra
 * trainable tensors (e.g. learned directions), which the estimator's optimiser then updates too.
 *
 * <p>A user-defined loss is one lambda:
 * {@code CostLearningLoss.of("spread", m -> m.mapSources(null).var())}.
 */
@FunctionalInterface
public interface CostLearningLoss {
    /** The loss at this step (a scalar tensor on the graph). */
    Tensor value(DifferentiableEntropicMap map);

    /** A short name for logs and reports. */
    default String name() {
        return "custom";
    }

    /** Extra trainable tensors this loss owns (leaf tensors requiring gradients). */
    default List<Tensor> parameters() {
        return List.of();
    }

    /** A named loss from a function. */
    static CostLearningLoss of(String name, Function<DifferentiableEntropicMap, Tensor> f) {
        Objects.requireNonNull(f, "loss function");
        return new CostLearningLoss() {
            @Override
            public Tensor value(DifferentiableEntropicMap map) {
                return f.apply(map);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /** This loss times a constant weight. */
    default CostLearningLoss times(double weight) {
        CostLearningLoss self = this;
        return new CostLearningLoss() {
            @Override
            public Tensor value(DifferentiableEntropicMap map) {
                return self.value(map).mul(Tensors.scalar(weight));
            }

            @Override
            public String name() {
                return weight + "*" + self.name();
            }

            @Override
            public List<Tensor> parameters() {
                return self.parameters();
            }
        };
    }

    /** This loss plus another. */
    default CostLearningLoss plus(CostLearningLoss other) {
        CostLearningLoss self = this;
        return new CostLearningLoss() {
            @Override
            public Tensor value(DifferentiableEntropicMap map) {
                return self.value(map).add(other.value(map));
            }

            @Override
            public String name() {
                return self.name() + "+" + other.name();
            }

            @Override
            public List<Tensor> parameters() {
                List<Tensor> all = new ArrayList<>(self.parameters());
                all.addAll(other.parameters());
                return all;
            }
        };
    }
}
