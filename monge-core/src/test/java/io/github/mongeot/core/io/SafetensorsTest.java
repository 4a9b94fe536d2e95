package io.github.mongeot.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void layoutFollowsTheSpecification() {
        SafetensorsArray a = SafetensorsArray.ofVector("a", new double[] {1.5, -2.0}, DType.FLOAT64);
        byte[] bytes = Safetensors.toBytes(List.of(a), Map.of("k", "v"));
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        assertThat(n % 8).isZero();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{").contains("\"dtype\":\"F64\"").contains("\"data_offsets\":[0,16]")
                .contains("\"__metadata__\":{\"k\":\"v\"}");
        assertThat(bytes.length).isEqualTo(8 + n + 16);
        buf.position((int) (8 + n));
        assertThat(buf.getDouble()).isEqualTo(1.5);
        assertThat(buf.getDouble()).isEqualTo(-2.0);
    }

    @Test
    void roundTripKeepsValuesShapesDtypesAndMetadata() {
        SafetensorsArray m = SafetensorsArray.ofRows("layer.weight", new double[][] {{1, 2, 3}, {4, 5, 6.25}}, DType.FLOAT32);
        SafetensorsArray v = SafetensorsArray.ofVector("layer.bias", new double[] {Math.PI, -1e-300}, DType.FLOAT64);
        SafetensorsArray s = SafetensorsArray.ofScalar("t", 0.1, DType.FLOAT32);
        SafetensorsArray e = new SafetensorsArray("empty", DType.FLOAT64, new long[] {0, 4}, new double[0]);
        Path file = dir.resolve("x.safetensors");
        Safetensors.write(file, List.of(m, v, s, e), Map.of("who", "test"));
        SafetensorsContent read = Safetensors.read(file);
        assertThat(read.tensors().keySet()).containsExactly("layer.weight", "layer.bias", "t", "empty");
        assertThat(read.tensor("layer.weight")).isEqualTo(m);
        assertThat(read.tensor("layer.bias").data()).containsExactly(Math.PI, -1e-300);
        assertThat(read.tensor("t").data()[0]).isEqualTo((double) 0.1f);
        assertThat(read.tensor("t").shape()).isEmpty();
        assertThat(read.tensor("empty").shape()).containsExactly(0, 4);
        assertThat(read.metadata()).containsEntry("who", "test");
        assertThatThrownBy(() -> read.tensor("nope")).isInstanceOf(InvalidInputException.class).hasMessageContaining("nope");
    }

    @Test
    void tensorsConvertBothWays() {
        try (PointerScope scope = new PointerScope()) {
            Tensor t = Tensors.fromRows(new double[][] {{1, 2}, {3, 4}, {5, 6}}, DType.FLOAT32).t(); // non-contiguous
            SafetensorsArray a = SafetensorsArray.fromTensor("w", t);
            assertThat(a.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(a.shape()).containsExactly(2, 3);
            assertThat(a.data()).containsExactly(1, 3, 5, 2, 4, 6);
            Tensor back = a.toTensor();
            assertThat(back.scalar_type().intern()).isEqualTo(DType.FLOAT32.scalarType());
            assertThat(Tensors.toRows(back)).isDeepEqualTo(new double[][] {{1, 3, 5}, {2, 4, 6}});
            assertThat(a.toTensor(DType.FLOAT64).scalar_type().intern()).isEqualTo(DType.FLOAT64.scalarType());
        }
    }

    @Test
    void arrayRefusesAShapeThatDoesNotMatchItsData() {
        assertThatThrownBy(() -> new SafetensorsArray("w", DType.FLOAT64, new long[] {2, 2}, new double[3]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'w'").hasMessageContaining("needs 4");
    }

    @Test
    void refusesDuplicateAndReservedNames() {
        SafetensorsArray a = SafetensorsArray.ofScalar("a", 1, DType.FLOAT64);
        assertThatThrownBy(() -> Safetensors.toBytes(List.of(a, a), Map.of())).isInstanceOf(InvalidInputException.class);
        SafetensorsArray meta = SafetensorsArray.ofScalar("__metadata__", 1, DType.FLOAT64);
        assertThatThrownBy(() -> Safetensors.toBytes(List.of(meta), Map.of())).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesUnsupportedDtypesHolesAndTrailingBytes() {
        assertThatThrownBy(() -> parse("{\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("src").hasMessageContaining("I64");
        assertThatThrownBy(() -> parse("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", 16))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("starts at byte 8");
        assertThatThrownBy(() -> parse("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 12))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unexpected bytes");
        assertThatThrownBy(() -> parse("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs 16 bytes");
        assertThatThrownBy(() -> parse("{\"a\":", 0)).isInstanceOf(InvalidInputException.class).hasMessageContaining("JSON");
        assertThatThrownBy(() -> Safetensors.fromBytes(new byte[5], "src")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("missing.safetensors");
        assertThatThrownBy(() -> Safetensors.read(missing)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing.safetensors").hasMessageContaining("not found");
    }

    private static SafetensorsContent parse(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(json.length).put(json);
        return Safetensors.fromBytes(buf.array(), "src");
    }
}
