package io.github.mongeot.methods.dpot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.io.ModelFile;
import io.github.mongeot.core.io.ModelFileContent;
import io.github.mongeot.core.io.SafetensorsArray;
import io.github.mongeot.core.map.ConditionalMap;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMapLoader;
import io.github.mongeot.nn.io.NetworkFiles;
import io.github.mongeot.nn.io.NetworkJson;
import io.github.mongeot.nn.net.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * A fitted DPOT map T(x) (or T(x; η) for a conditional fit), with the inverse S(y) (S(y; η)) when
 * it was trained. Saved as model type {@code dpot}: config {dim, condition_dim, forward, inverse
 * (network configs; inverse null when absent), fit (training report)} and tensors "forward.*",
 * "inverse.*".
 */
public final class DpotModel implements ConditionalMap {
    public static final String MODEL_TYPE = "dpot";
    /** Rows per forward pass when applying the map. */
    private static final int CHUNK = 65_536;

    private final Network forward;
    private final Network inverse;
    private final JsonNode fitReport;

    DpotModel(Network forward, Network inverse, JsonNode fitReport) {
        if (inverse != null && (inverse.inputDim() != forward.inputDim() || inverse.conditionDim() != forward.conditionDim())) {
            throw new InvalidInputException("dpot: the inverse network does not match the forward one");
        }
        if (forward.outputDim() != forward.inputDim()) {
            throw new InvalidInputException("dpot: the map network must output its input dimension, got "
                    + forward.outputDim() + " for " + forward.inputDim());
        }
        this.forward = forward;
        this.inverse = inverse;
        this.fitReport = fitReport == null ? JsonNodeFactory.instance.objectNode() : fitReport.deepCopy();
    }

    /** The forward network T. */
    public Network forwardNetwork() {
        return forward;
    }

    /** What the fit recorded (steps, losses, seconds split into exact OT and network, settings). */
    public JsonNode fitReport() {
        return fitReport.deepCopy();
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public int dim() {
        return forward.inputDim();
    }

    @Override
    public int conditionDim() {
        return forward.conditionDim();
    }

    /** T(x) for an unconditional model. */
    @Override
    public double[][] apply(double[][] points) {
        requireUnconditional();
        return push(forward, points, null);
    }

    @Override
    public double[][] apply(double[][] points, double[] condition) {
        return push(forward, points, checkCondition(condition));
    }

    @Override
    public boolean hasInverse() {
        return inverse != null;
    }

    /** S(y) for an unconditional model with an inverse. */
    @Override
    public double[][] applyInverse(double[][] points) {
        requireInverse();
        requireUnconditional();
        return push(inverse, points, null);
    }

    @Override
    public double[][] applyInverse(double[][] points, double[] condition) {
        requireInverse();
        return push(inverse, points, checkCondition(condition));
    }

    private void requireInverse() {
        if (inverse == null) {
            throw new InvalidInputException("this dpot model was fitted without an inverse map (fit with --inverse)");
        }
    }

    private void requireUnconditional() {
        if (conditionDim() > 0) {
            throw new InvalidInputException("this dpot model is conditional: give a condition of " + conditionDim()
                    + " values (--condition)");
        }
    }

    private double[] checkCondition(double[] condition) {
        if (condition == null || condition.length != conditionDim()) {
            throw new InvalidInputException("condition: expected " + conditionDim() + " values, got "
                    + (condition == null ? 0 : condition.length));
        }
        for (double v : condition) {
            if (!Double.isFinite(v)) {
                throw new InvalidInputException("condition " + Arrays.toString(condition) + " has a non-finite entry");
            }
        }
        return condition;
    }

    /** The network on rows (condition η repeated on every row when given), without a graph, in chunks. */
    @SuppressWarnings("try") // the scope frees each chunk's tensors
    static double[][] push(Network network, double[][] points, double[] condition) {
        Validation.checkPoints("points", points);
        if (points[0].length != network.inputDim()) {
            throw new InvalidInputException("points: have " + points[0].length + " columns, the dpot model maps dimension "
                    + network.inputDim());
        }
        double[][] out = new double[points.length][];
        for (int start = 0; start < points.length; start += CHUNK) {
            int end = Math.min(points.length, start + CHUNK);
            try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
                Tensor x = Tensors.fromRows(Arrays.copyOfRange(points, start, end), network.dtype());
                Tensor y = condition == null || condition.length == 0 ? network.forward(x)
                        : network.forward(x, Tensors.fromRows(repeat(condition, end - start), network.dtype()));
                System.arraycopy(Tensors.toRows(y), 0, out, start, end - start);
            }
        }
        return out;
    }

    static double[][] repeat(double[] row, int times) {
        double[][] rows = new double[times][];
        for (int i = 0; i < times; i++) {
            rows[i] = row;
        }
        return rows;
    }

    @Override
    public void save(Path path) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("dim", dim());
        config.put("condition_dim", conditionDim());
        config.set("forward", NetworkJson.toJson(forward.config()));
        if (inverse == null) {
            config.putNull("inverse");
        } else {
            config.set("inverse", NetworkJson.toJson(inverse.config()));
        }
        config.set("fit", fitReport);
        List<SafetensorsArray> tensors = new ArrayList<>(NetworkFiles.tensors(forward, "forward."));
        if (inverse != null) {
            tensors.addAll(NetworkFiles.tensors(inverse, "inverse."));
        }
        ModelFile.write(path, MODEL_TYPE, config, tensors);
    }

    /** Reads a dpot model file. */
    public static DpotModel load(Path path) {
        return fromContent(ModelFile.read(path));
    }

    static DpotModel fromContent(ModelFileContent content) {
        content.requireType(MODEL_TYPE);
        JsonNode config = content.config();
        if (!config.hasNonNull("forward")) {
            throw new InvalidInputException(content.source() + ": dpot config lacks 'forward'");
        }
        Network forward = NetworkFiles.restore(config.get("forward"), content.tensors(), "forward.", content.source());
        Network inverse = config.hasNonNull("inverse")
                ? NetworkFiles.restore(config.get("inverse"), content.tensors(), "inverse.", content.source())
                : null;
        return new DpotModel(forward, inverse, config.get("fit"));
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
