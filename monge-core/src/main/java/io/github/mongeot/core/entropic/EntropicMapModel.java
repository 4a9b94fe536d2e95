package io.github.mongeot.core.entropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.cost.Costs;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.io.ModelFile;
import io.github.mongeot.core.io.ModelFileContent;
import io.github.mongeot.core.io.SafetensorsArray;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMapLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * An {@link EntropicMap} as a saved model: tensors {@code source}, {@code source_weights}, {@code f},
 * {@code target}, {@code target_weights}, {@code g} (float64) and config {cost, epsilon, fit report}.
 */
public final class EntropicMapModel implements TransportMap {
    public static final String MODEL_TYPE = "entropic-map";

    private final EntropicMap map;
    private final JsonNode fitReport;

    public EntropicMapModel(EntropicMap map, JsonNode fitReport) {
        this.map = map;
        this.fitReport = fitReport == null ? JsonNodeFactory.instance.objectNode() : fitReport;
    }

    public EntropicMap map() {
        return map;
    }

    /** What the fit recorded (Sinkhorn iterations, marginal error, ...). */
    public JsonNode fitReport() {
        return fitReport;
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public int dim() {
        return map.dim();
    }

    @Override
    public double[][] apply(double[][] points) {
        return map.apply(points);
    }

    @Override
    public boolean hasInverse() {
        return true;
    }

    @Override
    public double[][] applyInverse(double[][] points) {
        return map.applyInverse(points);
    }

    @Override
    public void save(Path path) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("cost", map.cost().name());
        config.put("epsilon", map.epsilon());
        config.put("dim", map.dim());
        config.set("fit", fitReport);
        ModelFile.write(path, MODEL_TYPE, config, List.of(
                SafetensorsArray.ofRows("source", map.source().points(), DType.FLOAT64),
                SafetensorsArray.ofVector("source_weights", map.source().weights(), DType.FLOAT64),
                SafetensorsArray.ofVector("f", map.f(), DType.FLOAT64),
                SafetensorsArray.ofRows("target", map.target().points(), DType.FLOAT64),
                SafetensorsArray.ofVector("target_weights", map.target().weights(), DType.FLOAT64),
                SafetensorsArray.ofVector("g", map.g(), DType.FLOAT64)));
    }

    /** Reads an entropic-map model file. */
    public static EntropicMapModel load(Path path) {
        return fromContent(ModelFile.read(path));
    }

    static EntropicMapModel fromContent(ModelFileContent content) {
        content.requireType(MODEL_TYPE);
        JsonNode config = content.config();
        if (!config.hasNonNull("cost") || !config.hasNonNull("epsilon")) {
            throw new InvalidInputException(content.source() + ": entropic-map config lacks cost or epsilon");
        }
        PointCloud source = PointCloud.weighted(content.source() + " source", content.tensor("source").rows(),
                content.tensor("source_weights").data());
        PointCloud target = PointCloud.weighted(content.source() + " target", content.tensor("target").rows(),
                content.tensor("target_weights").data());
        EntropicMap map = EntropicMap.fromDuals(Costs.parse(config.get("cost").asText()),
                config.get("epsilon").asDouble(), source, content.tensor("f").data(), target, content.tensor("g").data());
        return new EntropicMapModel(map, config.get("fit"));
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
