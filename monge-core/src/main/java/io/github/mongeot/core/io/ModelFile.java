package io.github.mongeot.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mongeot.core.data.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Monge model file: one {@code .safetensors} file holding the weights as tensors and, in
 * {@code __metadata__}, {@code format = "monge-model"}, {@code format_version}, {@code model_type},
 * {@code config} (a JSON document as a string) and {@code sha256} (hex SHA-256 of the tensor data
 * section). Python reads it with {@code safetensors.numpy.load_file} or by hand with numpy.
 *
 * <p>Writes are atomic (temp file in the same directory, fsync, atomic rename). Loading checks
 * the format name and version, every tensor's byte length against dtype × shape, and the checksum;
 * a damaged, truncated or newer file is refused with a one-line {@link InvalidInputException}
 * naming the file.
 */
public final class ModelFile {
    /** The value of the "format" metadata entry. */
    public static final String FORMAT = "monge-model";
    /** The newest format version this code reads and the one it writes. */
    public static final int FORMAT_VERSION = 1;

    static final String KEY_FORMAT = "format";
    static final String KEY_VERSION = "format_version";
    static final String KEY_TYPE = "model_type";
    static final String KEY_CONFIG = "config";
    static final String KEY_SHA256 = "sha256";
    private static final Set<String> RESERVED = Set.of(KEY_FORMAT, KEY_VERSION, KEY_TYPE, KEY_CONFIG, KEY_SHA256);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {
    }

    /** Writes a model file atomically. */
    public static void write(Path path, String modelType, JsonNode config, Collection<SafetensorsArray> tensors) {
        write(path, modelType, config, tensors, Map.of());
    }

    /** Writes a model file atomically; tensors are stored in the map's iteration order under the map's keys' arrays. */
    public static void write(Path path, String modelType, JsonNode config, Map<String, SafetensorsArray> tensors) {
        List<SafetensorsArray> list = new ArrayList<>();
        tensors.forEach((key, array) -> {
            if (!key.equals(array.name())) {
                throw new InvalidInputException("tensor map key '" + key + "' differs from the array's name '" + array.name() + "'");
            }
            list.add(array);
        });
        write(path, modelType, config, list, Map.of());
    }

    /**
     * Writes a model file atomically with extra string metadata (e.g. "monge_version"); the keys
     * format, format_version, model_type, config and sha256 are reserved.
     */
    public static void write(Path path, String modelType, JsonNode config, Collection<SafetensorsArray> tensors,
            Map<String, String> extraMetadata) {
        Safetensors.writeAtomically(path, toBytes(modelType, config, tensors, extraMetadata));
    }

    /** The bytes of a model file (what {@link #write} stores). */
    public static byte[] toBytes(String modelType, JsonNode config, Collection<SafetensorsArray> tensors,
            Map<String, String> extraMetadata) {
        if (modelType == null || modelType.isBlank()) {
            throw new InvalidInputException("model type must be non-empty");
        }
        if (config == null) {
            throw new InvalidInputException("model config must not be null (use an empty JSON object)");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(KEY_FORMAT, FORMAT);
        metadata.put(KEY_VERSION, Integer.toString(FORMAT_VERSION));
        metadata.put(KEY_TYPE, modelType);
        try {
            metadata.put(KEY_CONFIG, JSON.writeValueAsString(config));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("model config cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        byte[] data = Safetensors.dataSection(tensors);
        metadata.put(KEY_SHA256, Safetensors.sha256Hex(data, 0, data.length));
        extraMetadata.forEach((k, v) -> {
            if (RESERVED.contains(k)) {
                throw new InvalidInputException("metadata key '" + k + "' is reserved for the model file format");
            }
            metadata.put(k, v);
        });
        return Safetensors.toBytes(tensors, metadata, data);
    }

    /** Reads and checks a model file. */
    public static ModelFileContent read(Path path) {
        return fromBytes(Safetensors.readAll(path), path.toString());
    }

    /** Parses and checks model file bytes; {@code source} names the input in error messages. */
    public static ModelFileContent fromBytes(byte[] bytes, String source) {
        SafetensorsContent content = Safetensors.fromBytes(bytes, source);
        Map<String, String> meta = content.metadata();
        String format = meta.get(KEY_FORMAT);
        if (!FORMAT.equals(format)) {
            throw Safetensors.bad(source, format == null
                    ? "not a Monge model file (no \"format\" in its metadata)"
                    : "not a Monge model file (format '" + format + "')");
        }
        int version = parseVersion(meta.get(KEY_VERSION), source);
        if (version > FORMAT_VERSION) {
            throw Safetensors.bad(source, "model file format_version " + version + " is newer than this Monge reads (up to "
                    + FORMAT_VERSION + "); upgrade Monge");
        }
        String modelType = meta.get(KEY_TYPE);
        if (modelType == null || modelType.isBlank()) {
            throw Safetensors.bad(source, "damaged model file: no model_type");
        }
        String expectedSha = meta.get(KEY_SHA256);
        if (expectedSha == null) {
            throw Safetensors.bad(source, "damaged model file: no sha256 checksum");
        }
        if (!expectedSha.equalsIgnoreCase(content.dataSha256())) {
            throw Safetensors.bad(source, "damaged model file: tensor data checksum mismatch");
        }
        String configText = meta.get(KEY_CONFIG);
        JsonNode config;
        try {
            config = configText == null ? JSON.createObjectNode() : JSON.readTree(configText);
        } catch (JsonProcessingException e) {
            throw Safetensors.bad(source, "damaged model file: config is not valid JSON");
        }
        if (config == null) {
            config = JSON.createObjectNode();
        }
        return new ModelFileContent(source, modelType, version, config, content.tensors(), meta);
    }

    private static int parseVersion(String text, String source) {
        if (text == null) {
            throw Safetensors.bad(source, "damaged model file: no format_version");
        }
        try {
            int version = Integer.parseInt(text.trim());
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw Safetensors.bad(source, "damaged model file: format_version '" + text + "' is not a positive integer");
    }
}
