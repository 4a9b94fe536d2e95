package io.github.mongeot.methods.neuralot;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.Locale;

/** How a stochastic map T(x, z) is read as a deterministic map x ↦ T̄(x). */
public enum Readout {
    /** T(x, 0): the map at the latent distribution's mean. */
    ZERO_NOISE("zero"),
    /** The conditional mean E_z T(x, z), estimated with {@link NotModel#MEAN_DRAWS} fixed latent draws. */
    CONDITIONAL_MEAN("mean");

    private final String id;

    Readout(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Readout parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Readout r : values()) {
            if (r.id.equals(key)) {
                return r;
            }
        }
        throw new InvalidInputException("unknown read-out '" + name + "' (expected zero or mean)");
    }
}
