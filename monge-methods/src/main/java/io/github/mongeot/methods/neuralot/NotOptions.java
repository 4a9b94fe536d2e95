package io.github.mongeot.methods.neuralot;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import java.util.List;

/**
 * Settings of a {@link NotEstimator}.
 *
 * @param mapHidden       hidden widths of the map MLP T(x, z) (ReLU)
 * @param potentialHidden hidden widths of the potential MLP f(y) (ReLU)
 * @param latentDim       dimension of the latent noise z (0: the strong deterministic variant T(x))
 * @param latentStd       z ~ N(0, σ²I) with this σ
 * @param draws           K latent draws per input for the weak-cost estimate (≥ 2 when latentDim &gt; 0)
 * @param mapSteps        k_T map updates per potential update
 * @param iterations      potential (f) updates; the map gets k_T times as many
 * @param batchSize       inputs (and target points) drawn per update
 * @param mapLr           Adam learning rate of T
 * @param potentialLr     Adam learning rate of f
 * @param gamma           γ of the γ-weak cost and its schedule (negative: variance penalty)
 * @param residual        T(x, z) = x + N(x, z) instead of N(x, z) (starts near the identity)
 * @param readout         deterministic read-out of the fitted map
 * @param seed            seeds the initial weights and libtorch's generator (minibatches, noise)
 * @param dtype           precision of the networks and of training
 * @param images          image networks (U-Net map, CNN potential) for flat grey images, or null for the MLPs
 */
public record NotOptions(List<Integer> mapHidden, List<Integer> potentialHidden, int latentDim, double latentStd, int draws,
        int mapSteps, long iterations, int batchSize, double mapLr, double potentialLr, GammaSchedule gamma, boolean residual,
        Readout readout, long seed, DType dtype, ImageNetworks images) {

    public NotOptions {
        mapHidden = widths(mapHidden, "map");
        potentialHidden = widths(potentialHidden, "potential");
        if (latentDim < 0) {
            throw new InvalidInputException("neural-ot latent dimension must be >= 0, got " + latentDim);
        }
        if (!(latentStd > 0) || !Double.isFinite(latentStd)) {
            throw new InvalidInputException("neural-ot latent std must be > 0, got " + latentStd);
        }
        if (latentDim > 0 && draws < 2) {
            throw new InvalidInputException("neural-ot draws K must be >= 2 (the unbiased variance needs two), got " + draws);
        }
        if (draws < 1) {
            throw new InvalidInputException("neural-ot draws K must be >= 1, got " + draws);
        }
        if (mapSteps < 1) {
            throw new InvalidInputException("neural-ot map steps k_T must be >= 1, got " + mapSteps);
        }
        if (iterations < 1) {
            throw new InvalidInputException("neural-ot steps must be >= 1, got " + iterations);
        }
        if (batchSize < 1) {
            throw new InvalidInputException("neural-ot batch size must be >= 1, got " + batchSize);
        }
        rate(mapLr, "map");
        rate(potentialLr, "potential");
        if (gamma == null || readout == null || dtype == null) {
            throw new InvalidInputException("neural-ot: gamma, read-out and dtype must be given");
        }
        if (images != null && latentDim != 0 && latentDim != images.pixels()) {
            throw new InvalidInputException("neural-ot images: the noise is one image channel, so the latent dimension must be "
                    + images.pixels() + " (or 0 for a deterministic map), got " + latentDim);
        }
        if (images != null && residual) {
            throw new InvalidInputException("neural-ot images: the U-Net map has no residual form; drop the residual option");
        }
    }

    /**
     * The reference code's 2-D toy settings (spec neural-ot.md): T and f MLPs with three hidden
     * layers of 100, z ∈ R² ~ N(0, 0.1²I), K = 4, batch 64, k_T = 10, 10 000 f-steps, Adam 1e-4, γ = 1
     * constant, read-out by the conditional mean, seed 0, float32.
     */
    public static NotOptions defaults() {
        return new NotOptions(List.of(100, 100, 100), List.of(100, 100, 100), 2, 0.1, 4, 10, 10_000, 64, 1e-4, 1e-4,
                GammaSchedule.constant(1.0), false, Readout.CONDITIONAL_MEAN, 0L, DType.FLOAT32, null);
    }

    /** Whether T takes latent noise (false: the strong deterministic variant). */
    public boolean stochastic() {
        return latentDim > 0;
    }

    public NotOptions withMapHidden(List<Integer> v) {
        return new NotOptions(v, potentialHidden, latentDim, latentStd, draws, mapSteps, iterations, batchSize, mapLr, potentialLr,
                gamma, residual, readout, seed, dtype, images);
    }

    public NotOptions withPotentialHidden(List<Integer> v) {
        return new NotOptions(mapHidden, v, latentDim, latentStd, draws, mapSteps, iterations, batchSize, mapLr, potentialLr,
                gamma, residual, readout, seed, dtype, images);
    }

    public NotOptions withLatent(int dim, double std) {
        return new NotOptions(mapHidden, potentialHidden, dim, std, draws, mapSteps, iterations, batchSize, mapLr, potentialLr,
                gamma, residual, readout, seed, dtype, images);
    }

    /** The strong deterministic variant: no latent noise, cost mean_coord (x − T(x))². */
    public NotOptions deterministic() {
        return new NotOptions(mapHidden, potentialHidden, 0, latentStd, 1, mapSteps, iterations, batchSize, mapLr, potentialLr,
                gamma, residual, readout, seed, dtype, images);
    }

    public NotOptions withDraws(int v) {
        return new NotOptions(mapHidden, potentialHidden, latentDim, latentStd, v, mapSteps, iterations, batchSize, mapLr, potentialLr,
                gamma, residual, readout, seed, dtype, images);
    }

    public NotOptions withMapSteps(int v) {
        return new NotOptions(mapHidden, potentialHidden, latentDim, latentStd, draws, v, iterations, batchSize, mapLr, potentialLr,
                gamma, residual, readout, seed, dtype, images);
    }

    public NotOptions withIterations(long v) {
        return new NotOptions(mapHidden, potentialHidden, latentDim, latentStd, draws, mapSteps, v, batchSize, mapLr, potentialLr,
                gamma, residual, readout, seed, dtype, images);
    }

    public NotOptions withBatchSize(int v) {
        return new NotOptions(mapHidden, potentialHidden, latentDim, latentStd, draws, mapSteps, iterations, v, mapLr, potentialLr,
                gamma, residual, readout, seed, dtype, images);
    }

    /** Both learning rates. */
    public NotOptions withLearningRates(double map, double potential) {
        return new NotOptions(mapHidden, potentialHidden, latentDim, latentStd, draws, mapSteps, iterations, batchSize, map, potential,
                gamma, residual, readout, seed, dtype, images);
    }

    public NotOptions withGamma(GammaSchedule v) {
        return new NotOptions(mapHidden, potentialHidden, latentDim, latentStd, draws, mapSteps, iterations, batchSize, mapLr, potentialLr,
                v, residual, readout, seed, dtype, images);
    }

    public NotOptions withResidual(boolean v) {
        return new NotOptions(mapHidden, potentialHidden, latentDim, latentStd, draws, mapSteps, iterations, batchSize, mapLr, potentialLr,
                gamma, v, readout, seed, dtype, images);
    }

    public NotOptions withReadout(Readout v) {
        return new NotOptions(mapHidden, potentialHidden, latentDim, latentStd, draws, mapSteps, iterations, batchSize, mapLr, potentialLr,
                gamma, residual, v, seed, dtype, images);
    }

    public NotOptions withSeed(long v) {
        return new NotOptions(mapHidden, potentialHidden, latentDim, latentStd, draws, mapSteps, iterations, batchSize, mapLr, potentialLr,
                gamma, residual, readout, v, dtype, images);
    }

    public NotOptions withDtype(DType v) {
        return new NotOptions(mapHidden, potentialHidden, latentDim, latentStd, draws, mapSteps, iterations, batchSize, mapLr, potentialLr,
                gamma, residual, readout, seed, v, images);
    }

    /**
     * The image networks (U-Net map with the noise as a channel, CNN potential) for flat grey images;
     * sets the latent dimension to the pixel count when the map is stochastic.
     */
    public NotOptions withImages(ImageNetworks v) {
        int latent = v != null && latentDim > 0 ? v.pixels() : latentDim;
        return new NotOptions(mapHidden, potentialHidden, latent, latentStd, draws, mapSteps, iterations, batchSize, mapLr, potentialLr,
                gamma, residual, readout, seed, dtype, v);
    }

    private static List<Integer> widths(List<Integer> hidden, String which) {
        if (hidden == null || hidden.isEmpty()) {
            throw new InvalidInputException("neural-ot " + which + " hidden: at least one hidden layer is needed");
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new InvalidInputException("neural-ot " + which + " hidden: widths must be >= 1, got " + hidden);
            }
        }
        return List.copyOf(hidden);
    }

    private static void rate(double lr, String which) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new InvalidInputException("neural-ot " + which + " learning rate must be > 0, got " + lr);
        }
    }
}
