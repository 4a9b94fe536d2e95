package io.github.mongeot.experiments.lagrangian;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.methods.lagrangian.Domain;
import io.github.mongeot.methods.lagrangian.LagrangianEstimator;
import io.github.mongeot.methods.lagrangian.Potential;
import java.util.Random;

/**
 * The obstacle problems of Pooladian et al. (2024, §5.1): box, slit, hill and well (after Koshizuka &amp;
 * Sato's NLSB: source x₁ ~ U(−1.25, −1), x₂ ~ U(−1, 1), target x₁ ~ U(1, 1.25), x₂ ~ U(−1, 1)) and the
 * three-barrier GMM problem (after Liu et al.: N(0, I) to 8 unit Gaussians at radius 16), with the
 * paper's Table 1 value (NLOT, marginal W₂ × 100) where it has one, and the number of steps of its full schedule:
 * the slit's semi-dual is still under-trained at 1200 steps (its push-forward clumps in bands; 2400 steps took one
 * seed from 2.00 to 1.60), so it trains twice as long; the reference trains 10 001 steps of batch 1024 for all.
 */
public record ObstacleProblem(String name, Potential potential, Domain domain, double paperMean, double paperStd, int evalPoints,
        long fullSteps, LagrangianEstimator.Tuning tuning) {
    public static ObstacleProblem named(String name) {
        LagrangianEstimator.Tuning defaults = LagrangianEstimator.Tuning.defaults();
        switch (name) {
            case "box": return new ObstacleProblem(name, Potential.box(), Domain.cube(2, 1.5), 1.6, 0.2, 128, 1200, defaults);
            case "slit": return new ObstacleProblem(name, Potential.slit(), Domain.cube(2, 1.5), 1.3, 0.2, 128, 2400, SLIT_TUNING);
            case "hill": return new ObstacleProblem(name, Potential.hill(), Domain.cube(2, 2), 1.8, 1.3, 128, 1200, defaults);
            case "well": return new ObstacleProblem(name, Potential.well(), Domain.cube(2, 2), 1.3, 0.3, 128, 1200, defaults);
            case "gmm": return new ObstacleProblem(name, Potential.gmm(), Domain.cube(2, 20), Double.NaN, Double.NaN, 1024, 1200, defaults);
            default: throw new InvalidInputException("unknown obstacle problem '" + name + "'");
        }
    }

    /**
     * The slit's c-transform objective c(x, ·) − g is nearly flat over the target with many local minima (the coupling is
     * almost degenerate: routed through the opening, c = (f(x) + f(y))², so pairings cost nearly the same); with 8 starts
     * from the batch the training's c-transform missed the global minimum for ~80 % of points, so g kept false maxima (seed 2,
     * 2400 steps: the globally solved map of that g scores 4.1 on 1024 points against 1.18 for the local one). 64 target
     * samples as starts in training, and a 32 × 32 grid of starts in the fitted map, make both searches global enough
     * (the same seed: 0.75 on 1024 points; two target samples 0.09).
     */
    static final LagrangianEstimator.Tuning SLIT_TUNING = LagrangianEstimator.Tuning.defaults().withCTransformStarts(64, 4, 32);

    public boolean isGmm() {
        return name.equals("gmm");
    }

    public double[][] source(int n, Random rng) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = isGmm() ? new double[] {rng.nextGaussian(), rng.nextGaussian()}
                    : new double[] {-1.25 + 0.25 * rng.nextDouble(), -1 + 2 * rng.nextDouble()};
        }
        return out;
    }

    public double[][] target(int n, Random rng) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            if (isGmm()) {
                double angle = 2 * Math.PI * rng.nextInt(8) / 8;
                out[i] = new double[] {16 * Math.cos(angle) + rng.nextGaussian(), 16 * Math.sin(angle) + rng.nextGaussian()};
            } else {
                out[i] = new double[] {1 + 0.25 * rng.nextDouble(), -1 + 2 * rng.nextDouble()};
            }
        }
        return out;
    }
}
