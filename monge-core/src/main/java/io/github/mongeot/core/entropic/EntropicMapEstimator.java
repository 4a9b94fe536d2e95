package io.github.mongeot.core.entropic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.cost.TranslationInvariantCost;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.sinkhorn.Sinkhorn;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.core.sinkhorn.SinkhornResult;

/**
 * Fits the entropic map estimator: solve entropic OT between the samples with Sinkhorn, then extend
 * the duals out of sample ({@link EntropicMap}). Refuses an unconverged Sinkhorn solve.
 */
public final class EntropicMapEstimator {
    private final TranslationInvariantCost cost;
    private final SinkhornOptions options;

    public EntropicMapEstimator(TranslationInvariantCost cost, SinkhornOptions options) {
        this.cost = cost;
        this.options = options;
    }

    public EntropicMapModel fit(PointCloud source, PointCloud target) {
        Validation.checkSameDimension(source, target);
        SinkhornResult result = Sinkhorn.solve(source, target, cost, options);
        if (!result.converged()) {
            throw new NotConvergedException("Sinkhorn did not converge in " + result.iterations()
                    + " iterations (marginal error " + result.marginalError() + " > threshold " + options.threshold()
                    + "); raise the iteration limit or epsilon");
        }
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("solver", "sinkhorn");
        report.put("iterations", result.iterations());
        report.put("marginal_error", result.marginalError());
        report.put("regularized_cost", result.regularizedCost());
        report.put("seconds", result.seconds());
        EntropicMap map = EntropicMap.fromDuals(cost, result.epsilon(), source, result.f(), target, result.g());
        return new EntropicMapModel(map, report);
    }

    /** A solver that stopped before its tolerance: its result is not returned. */
    public static final class NotConvergedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotConvergedException(String message) {
            super(message);
        }
    }
}
