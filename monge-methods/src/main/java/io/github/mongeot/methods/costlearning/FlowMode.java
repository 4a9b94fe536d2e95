package io.github.mongeot.methods.costlearning;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.Locale;

/** Whether the cost is h(x − y), h(Φ(x) − Φ(y)) with one flow, or h(Φ_μ(x) − Φ_ν(y)) with two. */
public enum FlowMode {
    NONE, SHARED, SEPARATE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FlowMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown flow mode '" + s + "' (expected none, shared or separate)");
        }
    }
}
