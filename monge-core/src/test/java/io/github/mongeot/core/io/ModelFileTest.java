package io.github.mongeot.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode config() {
        ObjectNode c = JSON.createObjectNode();
        c.put("epsilon", 0.05).putArray("hidden").add(64).add(64);
        return c;
    }

    private static List<SafetensorsArray> weights() {
        return List.of(SafetensorsArray.ofRows("w", new double[][] {{1, 2}, {3, 4}, {5, 6}}, DType.FLOAT64),
                SafetensorsArray.ofVector("b", new double[] {0.5, -0.25, 0.125}, DType.FLOAT32));
    }

    private Path writeModel() {
        Path file = dir.resolve("model.safetensors");
        ModelFile.write(file, "entropic-map", config(), weights(), Map.of("monge_version", "test"));
        return file;
    }

    @Test
    void roundTripKeepsTypeConfigWeightsAndMetadata() {
        Path file = writeModel();
        ModelFileContent model = ModelFile.read(file);
        assertThat(model.modelType()).isEqualTo("entropic-map");
        assertThat(model.formatVersion()).isEqualTo(1);
        assertThat(model.config()).isEqualTo(config());
        assertThat(model.tensors().values()).containsExactlyElementsOf(weights());
        assertThat(model.metadata()).containsEntry("format", "monge-model").containsEntry("monge_version", "test");
        assertThat(model.requireType("entropic-map")).isSameAs(model);
        assertThatThrownBy(() -> model.requireType("mlp")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("model.safetensors").hasMessageContaining("entropic-map");
        // no temp files left behind
        assertThat(dir.toFile().list()).containsExactly("model.safetensors");
    }

    @Test
    void overwritingReplacesTheWholeFile() {
        Path file = writeModel();
        ModelFile.write(file, "mlp", JSON.createObjectNode(), List.of(SafetensorsArray.ofScalar("s", 2, DType.FLOAT64)));
        ModelFileContent model = ModelFile.read(file);
        assertThat(model.modelType()).isEqualTo("mlp");
        assertThat(model.tensors()).containsOnlyKeys("s");
    }

    @Test
    void readsAFileWrittenByNumpy() throws Exception {
        Path file = dir.resolve("python-model.safetensors");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/safetensors/python-model.safetensors")) {
            Files.copy(in, file);
        }
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/safetensors/python-model.expected.json")) {
            expected = JSON.readTree(in);
        }
        ModelFileContent model = ModelFile.read(file);
        assertThat(model.modelType()).isEqualTo(expected.get("model_type").asText());
        assertThat(model.config()).isEqualTo(expected.get("config"));
        JsonNode tensors = expected.get("tensors");
        assertThat(model.tensors()).hasSize(tensors.size());
        Iterator<Map.Entry<String, JsonNode>> it = tensors.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            SafetensorsArray a = model.tensor(e.getKey());
            assertThat(Safetensors.dtypeName(a.dtype())).isEqualTo(e.getValue().get("dtype").asText());
            long[] shape = JSON.convertValue(e.getValue().get("shape"), long[].class);
            double[] data = JSON.convertValue(e.getValue().get("data"), double[].class);
            assertThat(a.shape()).containsExactly(shape);
            assertThat(a.data()).containsExactly(data);
        }
    }

    @Test
    void truncatedFileIsRefusedNamingTheFile() throws Exception {
        Path file = writeModel();
        byte[] bytes = Files.readAllBytes(file);
        for (int keep : new int[] {0, 4, 20, bytes.length - 1}) {
            Files.write(file, Arrays.copyOf(bytes, keep));
            assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(file.toString()).hasMessageNotContaining("\n");
        }
    }

    @Test
    void flippedDataByteFailsTheChecksum() throws Exception {
        Path file = writeModel();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining("checksum");
    }

    @Test
    void newerFormatVersionIsRefusedClearly() throws Exception {
        Path file = dir.resolve("new.safetensors");
        Files.write(file, editHeader(ModelFile.toBytes("mlp", config(), weights(), Map.of()),
                "\"format_version\":\"1\"", "\"format_version\":\"2\""));
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("new.safetensors").hasMessageContaining("format_version 2").hasMessageContaining("newer");
    }

    @Test
    void otherFormatIsRefused() {
        Path file = dir.resolve("plain.safetensors");
        Safetensors.write(file, weights(), Map.of());
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("plain.safetensors").hasMessageContaining("not a Monge model file");
    }

    @Test
    void shapeThatDoesNotMatchTheBytesIsRefused() throws Exception {
        Path file = dir.resolve("shape.safetensors");
        // "w" is F64 [3, 2] = 48 bytes; claim [3, 3]
        Files.write(file, editHeader(ModelFile.toBytes("mlp", config(), weights(), Map.of()),
                "\"shape\":[3,2]", "\"shape\":[3,3]"));
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("shape.safetensors").hasMessageContaining("'w'").hasMessageContaining("needs 72 bytes");
    }

    @Test
    void reservedMetadataKeysAreRefused() {
        assertThatThrownBy(() -> ModelFile.toBytes("mlp", config(), weights(), Map.of("sha256", "x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("reserved");
    }

    /** Replaces text in the JSON header (same length, so offsets stay valid). */
    private static byte[] editHeader(byte[] bytes, String from, String to) {
        assertThat(to).hasSameSizeAs(from);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header).contains(from);
        byte[] edited = header.replace(from, to).getBytes(StandardCharsets.UTF_8);
        byte[] out = bytes.clone();
        System.arraycopy(edited, 0, out, 8, edited.length);
        return out;
    }
}
