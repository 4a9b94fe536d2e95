package io.github.mongeot.methods.dpot;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.Locale;

/** Which exact solver computes Γ. */
public enum GammaSolver {
    /** Simplex on new batches, warm-started assignment on repeated ones (equal sizes). */
    AUTO,
    /** Always the network simplex. */
    SIMPLEX,
    /** Always Jonker–Volgenant (cold on new batches; needs equal batch sizes). */
    ASSIGNMENT;

    public static GammaSolver parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("dpot solver must be auto, simplex or assignment, got '" + name + "'");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
