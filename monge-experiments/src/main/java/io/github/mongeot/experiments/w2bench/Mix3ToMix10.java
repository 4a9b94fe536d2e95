package io.github.mongeot.experiments.w2bench;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.io.NdArray;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One pair of the continuous Wasserstein-2 benchmark "Mix3toMix10" (Korotin et al., NeurIPS 2021):
 * source P = a standardised 3-component Gaussian mixture, target Q = T*#P with the known optimal map
 * T*(x) = (∇ψ₁(x) + ∇ψ₂(x) − m)/√v from two pretrained DenseICNN potentials. A directory holds
 * {@code {d}_v1.npz}, {@code {d}_v2.npz} and {@code {d}_reference.npz} for any number of dimensions d
 * (format: the README beside the shipped files).
 */
public final class Mix3ToMix10 {
    private static final String RESOURCE_DIR = "/io/github/mongeot/experiments/w2bench/";
    private static final int[] SHIPPED = {2, 4};
    private static final Pattern REFERENCE = Pattern.compile("(\\d+)_reference\\.npz");

    private final int dim;
    private final DenseIcnnPotential psi1;
    private final DenseIcnnPotential psi2;
    private final double[] shift;
    private final double scale;
    private final double[][] centers;
    private final double[][][] maps;
    private final double std;
    private final double cost;
    private final double targetVariance;
    private final double sourceVariance;
    private final double[][] referenceX;
    private final double[][] referenceY;

    private Mix3ToMix10(Path dir, int dim) {
        Path reference = dir.resolve(dim + "_reference.npz");
        Map<String, NdArray> ref = ArrayIO.readNpz(reference);
        double strongConvexity = scalar(ref, "strong_convexity", reference);
        this.dim = dim;
        this.psi1 = DenseIcnnPotential.read(dir.resolve(dim + "_v1.npz"), strongConvexity);
        this.psi2 = DenseIcnnPotential.read(dir.resolve(dim + "_v2.npz"), strongConvexity);
        if (psi1.dim() != dim || psi2.dim() != dim) {
            throw new InvalidInputException(dir + ": the potentials for d = " + dim + " take " + psi1.dim() + " and "
                    + psi2.dim() + "-dimensional inputs");
        }
        this.shift = array(ref, "shift", reference).toVector();
        this.scale = scalar(ref, "scale", reference);
        this.centers = array(ref, "centers", reference).toRows();
        this.maps = array(ref, "maps", reference).toCube();
        this.std = scalar(ref, "std", reference);
        this.cost = scalar(ref, "cost", reference);
        this.targetVariance = scalar(ref, "target_total_variance", reference);
        this.sourceVariance = scalar(ref, "source_total_variance", reference);
        this.referenceX = array(ref, "X", reference).toRows();
        this.referenceY = array(ref, "Y", reference).toRows();
    }

    /** The pair of dimension d from a directory of benchmark files. */
    public static Mix3ToMix10 load(Path dir, int dim) {
        for (String name : List.of(dim + "_v1.npz", dim + "_v2.npz", dim + "_reference.npz")) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new InvalidInputException(dir + ": no " + name + " (dimensions here: " + dims(dir) + ")");
            }
        }
        return new Mix3ToMix10(dir, dim);
    }

    /** The dimensions a directory holds (those with a reference file), ascending. */
    public static List<Integer> dims(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": not a directory of W2 benchmark files");
        }
        TreeSet<Integer> found = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = REFERENCE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    found.add(Integer.parseInt(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(found);
    }

    /** Copies the shipped files (d = 2 and 4) out of the jar into {@code dir} and returns it. */
    public static Path extractShipped(Path dir) {
        try {
            Files.createDirectories(dir);
            for (int d : SHIPPED) {
                for (String name : List.of(d + "_v1.npz", d + "_v2.npz", d + "_reference.npz")) {
                    try (InputStream in = Mix3ToMix10.class.getResourceAsStream(RESOURCE_DIR + name)) {
                        if (in == null) {
                            throw new IllegalStateException("resource " + RESOURCE_DIR + name + " missing from the jar");
                        }
                        Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int dim() {
        return dim;
    }

    /** n draws from P: k uniform in {0, 1, 2}, z ~ N(0, I), x = std·A_k z + c_k. */
    public double[][] sampleSource(Random rng, int n) {
        double[][] out = new double[n][dim];
        double[] z = new double[dim];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(3);
            for (int j = 0; j < dim; j++) {
                z[j] = rng.nextGaussian();
            }
            for (int r = 0; r < dim; r++) {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    s += maps[k][r][j] * z[j];
                }
                out[i][r] = std * s + centers[k][r];
            }
        }
        return out;
    }

    /** n draws from Q = T*#P (fresh source draws pushed through the true map). */
    public double[][] sampleTarget(Random rng, int n) {
        return map(sampleSource(rng, n));
    }

    /** The true OT map T*(x) = (∇ψ₁(x) + ∇ψ₂(x) − m)/√v. */
    public double[][] map(double[][] points) {
        double[][] g1 = psi1.gradient(points);
        double[][] g2 = psi2.gradient(points);
        for (int i = 0; i < g1.length; i++) {
            for (int j = 0; j < dim; j++) {
                g1[i][j] = (g1[i][j] + g2[i][j] - shift[j]) / scale;
            }
        }
        return g1;
    }

    /** The 4096 reference source points shipped with the pair. */
    public double[][] referenceSource() {
        return copy(referenceX);
    }

    /** T* of {@link #referenceSource()}, as computed when the files were converted. */
    public double[][] referenceTarget() {
        return copy(referenceY);
    }

    /** Var(Q): the total variance of the target (≈ d), the L2-UVP denominator. */
    public double targetVariance() {
        return targetVariance;
    }

    /** Var(P) = d exactly (the L2-UVP denominator of inverse maps). */
    public double sourceVariance() {
        return sourceVariance;
    }

    /** ½ E‖x − T*(x)‖². */
    public double halfTransportCost() {
        return cost;
    }

    private static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    private static NdArray array(Map<String, NdArray> arrays, String key, Path file) {
        NdArray array = arrays.get(key);
        if (array == null) {
            throw new InvalidInputException(file + ": missing array '" + key + "'");
        }
        return array;
    }

    private static double scalar(Map<String, NdArray> arrays, String key, Path file) {
        NdArray array = array(arrays, key, file);
        if (array.size() != 1) {
            throw new InvalidInputException(file + ": '" + key + "' should be a scalar, has shape " + array.shapeString());
        }
        return array.get(0);
    }
}
