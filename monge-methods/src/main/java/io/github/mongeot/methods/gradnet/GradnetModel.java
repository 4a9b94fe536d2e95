package io.github.mongeot.methods.gradnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.io.ModelFile;
import io.github.mongeot.core.io.ModelFileContent;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMapLoader;
import io.github.mongeot.nn.io.NetworkFiles;
import io.github.mongeot.nn.io.NetworkJson;
import io.github.mongeot.nn.net.MGradNetC;
import io.github.mongeot.nn.net.MGradNetM;
import io.github.mongeot.nn.net.Mlp;
import io.github.mongeot.nn.net.Network;
import java.nio.file.Path;

/**
 * A fitted GradNetOT map T(x) = network(x): an mGradNet (the gradient of a convex function for
 * every parameter value) or the unconstrained MLP baseline. Saved as model type {@code gradnet}:
 * config {dim, network (its config), fit (training report)} and tensors "map.*".
 */
public final class GradnetModel implements TransportMap {
    public static final String MODEL_TYPE = "gradnet";
    private static final String PREFIX = "map.";

    private final Network network;
    private final JsonNode fitReport;

    GradnetModel(Network network, JsonNode fitReport) {
        if (!(network instanceof MGradNetC || network instanceof MGradNetM || network instanceof Mlp)) {
            throw new InvalidInputException("gradnet: the map must be an mgradnet-c, mgradnet-m or mlp, got " + network.config().type());
        }
        if (network.inputDim() != network.outputDim() || network.conditionDim() != 0) {
            throw new InvalidInputException("gradnet: the map must take and return points of one dimension, got "
                    + network.inputDim() + " -> " + network.outputDim());
        }
        this.network = network;
        this.fitReport = fitReport == null ? JsonNodeFactory.instance.objectNode() : fitReport.deepCopy();
    }

    /** The map network (live). */
    public Network network() {
        return network;
    }

    /** What the fit recorded (steps, final loss, seconds, settings). */
    public JsonNode fitReport() {
        return fitReport.deepCopy();
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public int dim() {
        return network.inputDim();
    }

    @Override
    public double[][] apply(double[][] points) {
        Validation.checkPoints("points", points);
        if (points[0].length != dim()) {
            throw new InvalidInputException("points: have " + points[0].length + " columns, the gradnet model maps dimension " + dim());
        }
        return network.apply(points);
    }

    @Override
    public void save(Path path) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("dim", dim());
        config.set("network", NetworkJson.toJson(network.config()));
        config.set("fit", fitReport);
        ModelFile.write(path, MODEL_TYPE, config, NetworkFiles.tensors(network, PREFIX));
    }

    /** Reads a gradnet model file. */
    public static GradnetModel load(Path path) {
        return fromContent(ModelFile.read(path));
    }

    static GradnetModel fromContent(ModelFileContent content) {
        content.requireType(MODEL_TYPE);
        JsonNode config = content.config();
        if (!config.hasNonNull("network")) {
            throw new InvalidInputException(content.source() + ": gradnet config lacks 'network'");
        }
        Network network = NetworkFiles.restore(config.get("network"), content.tensors(), PREFIX, content.source());
        return new GradnetModel(network, config.get("fit"));
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
