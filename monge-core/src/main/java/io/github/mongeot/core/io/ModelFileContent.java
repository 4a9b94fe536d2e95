package io.github.mongeot.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mongeot.core.data.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loaded Monge model file: its type, its configuration and its weights.
 *
 * @param source        the file it came from (for messages)
 * @param modelType     e.g. "entropic-map", "mlp"
 * @param formatVersion the file's format version (≤ {@link ModelFile#FORMAT_VERSION})
 * @param config        the model's configuration (a JSON document)
 * @param tensors       weights by name, in file order
 * @param metadata      all {@code __metadata__} entries, including the reserved ones
 */
public record ModelFileContent(String source, String modelType, int formatVersion, JsonNode config,
        Map<String, SafetensorsArray> tensors, Map<String, String> metadata) {

    public ModelFileContent {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        config = config.deepCopy();
    }

    @Override
    public JsonNode config() {
        return config.deepCopy();
    }

    /** The named weight, or an {@link InvalidInputException} naming the file when it is missing. */
    public SafetensorsArray tensor(String name) {
        SafetensorsArray array = tensors.get(name);
        if (array == null) {
            throw new InvalidInputException(source + ": model has no tensor named '" + name + "'");
        }
        return array;
    }

    /** Refuses a file of another model type with a one-line message naming the file. */
    public ModelFileContent requireType(String expected) {
        if (!modelType.equals(expected)) {
            throw new InvalidInputException(source + ": is a '" + modelType + "' model, expected '" + expected + "'");
        }
        return this;
    }
}
