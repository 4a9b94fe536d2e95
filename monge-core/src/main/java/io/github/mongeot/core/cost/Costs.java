package io.github.mongeot.core.cost;

import io.github.mongeot.core.data.InvalidInputException;

/** Parses cost names as the CLI and model files write them. */
public final class Costs {
    private Costs() {
    }

    /** {@code sqeuclidean}, {@code half-sqeuclidean} or {@code pnorm:P} (P > 1). */
    public static TranslationInvariantCost parse(String spec) {
        String s = spec.trim();
        if (s.equals("sqeuclidean")) {
            return SquaredEuclidean.full();
        }
        if (s.equals("half-sqeuclidean")) {
            return SquaredEuclidean.half();
        }
        if (s.startsWith("pnorm:")) {
            try {
                return new PNormCost(Double.parseDouble(s.substring("pnorm:".length())));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("cost '" + spec + "': p is not a number");
            }
        }
        throw new InvalidInputException("unknown cost '" + spec + "' (expected sqeuclidean, half-sqeuclidean or pnorm:P)");
    }
}
