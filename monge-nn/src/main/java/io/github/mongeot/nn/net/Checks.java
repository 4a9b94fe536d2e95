package io.github.mongeot.nn.net;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.List;

/** Validation of network configs (one-line messages naming the field). */
final class Checks {
    private Checks() {
    }

    static void positive(int value, String name) {
        if (value < 1) {
            throw new InvalidInputException(name + " must be >= 1, got " + value);
        }
    }

    static void nonNegative(int value, String name) {
        if (value < 0) {
            throw new InvalidInputException(name + " must be >= 0, got " + value);
        }
    }

    static void nonNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidInputException(name + " must be finite and >= 0, got " + value);
        }
    }

    static void widths(List<Integer> widths, String name) {
        for (Integer w : widths) {
            if (w == null || w < 1) {
                throw new InvalidInputException(name + " sizes must be >= 1, got " + widths);
            }
        }
    }

    static void notNull(Object value, String name) {
        if (value == null) {
            throw new InvalidInputException(name + " is missing");
        }
    }
}
