package io.github.mongeot.methods.neuralot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.io.ModelFile;
import io.github.mongeot.core.io.ModelFileContent;
import io.github.mongeot.core.map.StochasticMap;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMapLoader;
import io.github.mongeot.nn.io.NetworkFiles;
import io.github.mongeot.nn.io.NetworkJson;
import io.github.mongeot.nn.net.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * A fitted neural-OT map: the stochastic map T(x, z), z ~ N(0, σ²I) in R^latentDim (or a
 * deterministic T(x) when latentDim = 0), and the potential f it was trained against.
 * {@link #apply} is the deterministic read-out ({@link Readout}); {@link #sample} draws K outputs
 * per input, i.e. samples the learned conditional plan π(· | x). Saved as model type
 * {@code neural-ot}: config {dim, latent_dim, latent_std, readout, map, potential (network configs),
 * fit (training report)} and tensors "map.*", "potential.*".
 */
public final class NotModel implements StochasticMap {
    public static final String MODEL_TYPE = "neural-ot";
    /** Latent draws (from a fixed seed) behind the conditional-mean read-out. */
    public static final int MEAN_DRAWS = 64;
    private static final long MEAN_SEED = 0x5EEDL;
    /** Rows per network pass, to bound memory on large inputs. */
    private static final int CHUNK = 16_384;

    private final Network map;
    private final Network potential;
    private final double latentStd;
    private final Readout readout;
    private final JsonNode fitReport;

    NotModel(Network map, Network potential, double latentStd, Readout readout, JsonNode fitReport) {
        if (map.outputDim() != map.inputDim() || potential.inputDim() != map.inputDim() || potential.outputDim() != 1) {
            throw new InvalidInputException("neural-ot: the map must take and return dimension d and the potential take d and return 1; got map "
                    + map.inputDim() + "→" + map.outputDim() + ", potential " + potential.inputDim() + "→" + potential.outputDim());
        }
        if (!(latentStd > 0) || !Double.isFinite(latentStd)) {
            throw new InvalidInputException("neural-ot: latent std must be > 0, got " + latentStd);
        }
        this.map = map;
        this.potential = potential;
        this.latentStd = latentStd;
        this.readout = readout;
        this.fitReport = fitReport == null ? JsonNodeFactory.instance.objectNode() : fitReport.deepCopy();
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public int dim() {
        return map.inputDim();
    }

    /** Dimension of the latent noise z (0 for the deterministic variant). */
    public int latentDim() {
        return map.conditionDim();
    }

    public double latentStd() {
        return latentStd;
    }

    public Readout readout() {
        return readout;
    }

    /** The map network T (x with z as its condition). */
    public Network mapNetwork() {
        return map;
    }

    /** The potential network f. */
    public Network potentialNetwork() {
        return potential;
    }

    /** What the fit recorded (settings, steps, final losses, seconds). */
    public JsonNode fitReport() {
        return fitReport.deepCopy();
    }

    /** The deterministic read-out T̄(x) for each row: T(x, 0) or the conditional mean, see {@link #readout()}. */
    @Override
    public double[][] apply(double[][] points) {
        checkColumns(points);
        if (latentDim() == 0 || readout == Readout.ZERO_NOISE) {
            return evaluate(points, new double[points.length][latentDim()]);
        }
        double[][][] draws = sample(points, MEAN_DRAWS, MEAN_SEED);
        double[][] mean = new double[points.length][dim()];
        for (int i = 0; i < points.length; i++) {
            for (double[] y : draws[i]) {
                for (int c = 0; c < y.length; c++) {
                    mean[i][c] += y[c] / MEAN_DRAWS;
                }
            }
        }
        return mean;
    }

    /**
     * {@code samples} outputs T(x, z_k) per row x (n × samples × d), the z_k drawn from N(0, σ²I) with
     * a generator seeded by {@code seed}. For the deterministic variant all draws are T(x).
     */
    @Override
    public double[][][] sample(double[][] points, int samples, long seed) {
        checkColumns(points);
        if (samples < 1) {
            throw new InvalidInputException("samples must be >= 1, got " + samples);
        }
        int n = points.length;
        double[][] repeated = new double[n * samples][];
        double[][] noise = new double[n * samples][latentDim()];
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < samples; k++) {
                repeated[i * samples + k] = points[i];
                for (int c = 0; c < latentDim(); c++) {
                    noise[i * samples + k][c] = latentStd * random.nextGaussian();
                }
            }
        }
        double[][] flat = evaluate(repeated, noise);
        double[][][] out = new double[n][samples][];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < samples; k++) {
                out[i][k] = flat[i * samples + k];
            }
        }
        return out;
    }

    /** T(x_i, z_i) for given inputs and latent vectors (rows paired). */
    public double[][] evaluate(double[][] points, double[][] noise) {
        checkColumns(points);
        if (noise.length != points.length || (noise.length > 0 && noise[0].length != latentDim())) {
            throw new InvalidInputException("noise must be " + points.length + " × " + latentDim() + ", got " + noise.length + " × "
                    + (noise.length == 0 ? 0 : noise[0].length));
        }
        double[][] out = new double[points.length][];
        // every intermediate lives until its scope closes: bound rows × width (images: a few hundred rows)
        int chunk = Math.max(1, Math.min(CHUNK, (1 << 18) / dim()));
        for (int start = 0; start < points.length; start += chunk) {
            int end = Math.min(points.length, start + chunk);
            try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
                Tensor x = Tensors.fromRows(Arrays.copyOfRange(points, start, end), map.dtype());
                Tensor y = latentDim() == 0 ? map.forward(x)
                        : map.forward(x, Tensors.fromRows(Arrays.copyOfRange(noise, start, end), map.dtype()));
                System.arraycopy(Tensors.toRows(y), 0, out, start, end - start);
            }
        }
        return out;
    }

    /** The potential f at each row. */
    public double[] potential(double[][] points) {
        checkColumns(points);
        double[][] column = potential.apply(points);
        double[] out = new double[column.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = column[i][0];
        }
        return out;
    }

    /**
     * The conditional spread E_x tr Cov(T(x, ·)) over the rows x, from {@code samples} draws per row
     * (unbiased per-row covariance). 0 for the deterministic variant.
     */
    public double conditionalVariance(double[][] points, int samples, long seed) {
        if (samples < 2) {
            throw new InvalidInputException("conditional variance needs >= 2 samples per input, got " + samples);
        }
        if (latentDim() == 0) {
            checkColumns(points);
            return 0;
        }
        double[][][] draws = sample(points, samples, seed);
        double total = 0;
        for (double[][] ys : draws) {
            for (int c = 0; c < dim(); c++) {
                double mean = 0;
                for (double[] y : ys) {
                    mean += y[c];
                }
                mean /= samples;
                double s = 0;
                for (double[] y : ys) {
                    s += (y[c] - mean) * (y[c] - mean);
                }
                total += s / (samples - 1);
            }
        }
        return total / points.length;
    }

    private void checkColumns(double[][] points) {
        Validation.checkPoints("points", points);
        if (points[0].length != dim()) {
            throw new InvalidInputException("points: have " + points[0].length + " columns, the neural-ot model maps dimension " + dim());
        }
    }

    @Override
    public void save(Path path) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("dim", dim());
        config.put("latent_dim", latentDim());
        config.put("latent_std", latentStd);
        config.put("readout", readout.id());
        config.set("map", NetworkJson.toJson(map.config()));
        config.set("potential", NetworkJson.toJson(potential.config()));
        config.set("fit", fitReport);
        List<io.github.mongeot.core.io.SafetensorsArray> tensors = new ArrayList<>(NetworkFiles.tensors(map, "map."));
        tensors.addAll(NetworkFiles.tensors(potential, "potential."));
        ModelFile.write(path, MODEL_TYPE, config, tensors);
    }

    /** Reads a neural-ot model file. */
    public static NotModel load(Path path) {
        return fromContent(ModelFile.read(path));
    }

    static NotModel fromContent(ModelFileContent content) {
        content.requireType(MODEL_TYPE);
        JsonNode config = content.config();
        for (String key : List.of("map", "potential", "latent_std", "readout")) {
            if (!config.hasNonNull(key)) {
                throw new InvalidInputException(content.source() + ": neural-ot config lacks '" + key + "'");
            }
        }
        Network map = NetworkFiles.restore(config.get("map"), content.tensors(), "map.", content.source());
        Network potential = NetworkFiles.restore(config.get("potential"), content.tensors(), "potential.", content.source());
        if (!config.get("latent_std").isNumber()) {
            throw new InvalidInputException(content.source() + ": neural-ot 'latent_std' must be a number");
        }
        Readout readout;
        try {
            readout = Readout.parse(config.get("readout").asText());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(content.source() + ": " + e.getMessage(), e);
        }
        return new NotModel(map, potential, config.get("latent_std").asDouble(), readout, config.get("fit"));
    }

    /** Registered in META-INF/services for {@link io.github.mongeot.core.map.TransportMaps}. */
    public static final class Loader implements TransportMapLoader {
        @Override
        public String modelType() {
            return MODEL_TYPE;
        }

        @Override
        public TransportMap load(ModelFileContent content) {
            return fromContent(content);
        }
    }
}
