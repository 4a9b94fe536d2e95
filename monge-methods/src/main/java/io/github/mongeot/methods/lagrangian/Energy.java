package io.github.mongeot.methods.lagrangian;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.Locale;

/**
 * How the action of a discretised path X_0..X_{T−1} (ΔX_i = X_{i+1} − X_i, Δt = 1/(T − 1)) is summed.
 */
public enum Energy {
    /** Σ_i ½ΔX_iᵀA(X_i)ΔX_i/Δt − U(X_i)Δt: the Riemann sum of ∫₀¹ L(γ, γ̇) dt. */
    INTEGRAL("integral"),
    /**
     * Σ_i ½ΔX_iᵀA(X_i)ΔX_i − U(X_i): the reference implementation's sum, which weights the potential
     * (T − 1)² times more than the integral (the paper's obstacle constants are tuned for it).
     */
    REFERENCE("reference"),
    /** ½ℓ² with ℓ = Σ_i √(ΔX_iᵀA(X_i)ΔX_i): the squared geodesic distance (Riemannian variant; U is ignored). */
    SQUARED_LENGTH("squared-length");

    private final String id;

    Energy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Energy parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Energy e : values()) {
            if (e.id.equals(key)) {
                return e;
            }
        }
        throw new InvalidInputException("unknown energy weighting '" + name + "' (expected integral, reference or squared-length)");
    }
}
