package io.github.mongeot.spark;

import io.github.mongeot.core.data.InvalidInputException;
import java.io.Serializable;

/**
 * Settings of {@link SparkMaps#apply}: where the points are, what to compute, how many rows go
 * through the engine at once, and the output names. Immutable; {@code with*} return copies.
 * <p>
 * Output: coordinate columns in give coordinate columns out, named {@code prefix + input name}
 * (default {@code mapped_x}); a vector column in gives an array column out (default {@code mapped}).
 * Samples always come out as one array-of-arrays column (K × d, default {@code samples}).
 */
public final class ApplyOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final PointColumns input;
    private final MapMode mode;
    private final int samples;
    private final long seed;
    private final int batchSize;
    private final String prefix;
    private final String outputColumn;

    private ApplyOptions(PointColumns input, MapMode mode, int samples, long seed, int batchSize, String prefix,
            String outputColumn) {
        this.input = input;
        this.mode = mode;
        this.samples = samples;
        this.seed = seed;
        this.batchSize = batchSize;
        this.prefix = prefix;
        this.outputColumn = outputColumn;
    }

    /** Forward map, 4096 rows per batch. */
    public static ApplyOptions of(PointColumns input) {
        if (input == null) {
            throw new InvalidInputException("apply: no input columns given");
        }
        return new ApplyOptions(input, MapMode.FORWARD, 0, 0L, 4096, "mapped_", null);
    }

    public ApplyOptions inverse() {
        return new ApplyOptions(input, MapMode.INVERSE, 0, seed, batchSize, prefix, outputColumn);
    }

    /**
     * K samples per row. Row batches draw with seed {@code seed + partition · 2³² + batch}, so
     * results repeat for the same data, partitioning and batch size.
     */
    public ApplyOptions samples(int k, long baseSeed) {
        if (k < 1) {
            throw new InvalidInputException("samples must be at least 1, got " + k);
        }
        return new ApplyOptions(input, MapMode.SAMPLES, k, baseSeed, batchSize, prefix, outputColumn);
    }

    /** Rows handed to the engine at once (default 4096). */
    public ApplyOptions batchSize(int rows) {
        if (rows < 1) {
            throw new InvalidInputException("batch size must be at least 1, got " + rows);
        }
        return new ApplyOptions(input, mode, samples, seed, rows, prefix, outputColumn);
    }

    /** Prefix of the output coordinate columns (default {@code mapped_}). */
    public ApplyOptions prefix(String p) {
        return new ApplyOptions(input, mode, samples, seed, batchSize, p, outputColumn);
    }

    /** Name of the output array column (default {@code mapped}, or {@code samples}). */
    public ApplyOptions outputColumn(String name) {
        return new ApplyOptions(input, mode, samples, seed, batchSize, prefix, name);
    }

    public PointColumns input() {
        return input;
    }

    public MapMode mode() {
        return mode;
    }

    public int sampleCount() {
        return samples;
    }

    public long seed() {
        return seed;
    }

    public int batchSize() {
        return batchSize;
    }

    public String prefix() {
        return prefix;
    }

    /** The array output's name: as set, else {@code samples} or {@code mapped}. */
    public String outputColumn() {
        if (outputColumn != null) {
            return outputColumn;
        }
        return mode == MapMode.SAMPLES ? "samples" : "mapped";
    }
}
