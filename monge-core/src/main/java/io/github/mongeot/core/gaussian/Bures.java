package io.github.mongeot.core.gaussian;

import io.github.mongeot.core.data.InvalidInputException;

/**
 * The 2-Wasserstein distance between Gaussians in closed form, for the squared Euclidean cost
 * c(x, y) = ‖x − y‖² (W₂² = min E‖x − y‖², the convention of POT's {@code ot.dist} and Monge's
 * default; halve it for the ½‖x − y‖² cost):
 * <pre>  W₂²(N(m₁, Σ₁), N(m₂, Σ₂)) = ‖m₁ − m₂‖² + tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2}</pre>
 * (Dowson &amp; Landau 1982; Gelbrich 1990). The covariance part is the squared Bures metric. Both
 * covariances may be singular.
 */
public final class Bures {
    private Bures() {
    }

    /** W₂² between two Gaussians (clamped at 0, which rounding could otherwise undershoot). */
    public static double w2Squared(Gaussian a, Gaussian b) {
        if (a.dim() != b.dim()) {
            throw new InvalidInputException("dimension mismatch: Gaussians have " + a.dim() + " and " + b.dim() + " dimensions");
        }
        double[] m1 = a.meanUnsafe();
        double[] m2 = b.meanUnsafe();
        double means = 0;
        for (int k = 0; k < m1.length; k++) {
            double diff = m1[k] - m2[k];
            means += diff * diff;
        }
        return means + buresSquared(a.sqrtOfCovariance(), a.covarianceUnsafe(), b.covarianceUnsafe());
    }

    /** W₂ = √W₂². */
    public static double w2(Gaussian a, Gaussian b) {
        return Math.sqrt(w2Squared(a, b));
    }

    /** The squared Bures metric tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2} between PSD matrices. */
    public static double buresSquared(double[][] s1, double[][] s2) {
        if (s1.length != s2.length) {
            throw new InvalidInputException("dimension mismatch: covariances are " + s1.length + "×" + s1.length
                    + " and " + s2.length + "×" + s2.length);
        }
        return buresSquared(SpdMatrices.sqrt("first covariance", s1), s1, s2);
    }

    private static double buresSquared(double[][] root1, double[][] s1, double[][] s2) {
        double[][] middle = Matrices.symmetrize(Matrices.multiply(Matrices.multiply(root1, s2), root1));
        // tr M^{1/2} = Σ √λ(M): no need to form the square root
        double crossTrace = 0;
        for (double lambda : SpdMatrices.requirePsd("Σ₁^{1/2} Σ₂ Σ₁^{1/2}", middle).values()) {
            crossTrace += Math.sqrt(Math.max(lambda, 0));
        }
        return Math.max(0, Matrices.trace(s1) + Matrices.trace(s2) - 2 * crossTrace);
    }
}
