package io.github.mongeot.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SafetensorsPropertiesTest {

    @Provide
    Arbitrary<SafetensorsArray> arrays() {
        Arbitrary<long[]> shapes = Arbitraries.longs().between(0, 4).array(long[].class).ofMaxSize(3);
        Arbitrary<DType> dtypes = Arbitraries.of(DType.class);
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars('.', '_').ofMinLength(1).ofMaxLength(12);
        return Combinators.combine(names, dtypes, shapes).flatAs((name, dtype, shape) -> {
            int numel = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            Arbitrary<Double> values = Arbitraries.oneOf(Arbitraries.doubles(),
                    Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE));
            return values.list().ofSize(numel).map(list -> new SafetensorsArray(name, dtype, shape,
                    list.stream().mapToDouble(Double::doubleValue).toArray()));
        });
    }

    @Property(tries = 200)
    void bytesRoundTripExactly(@ForAll @Size(max = 5) List<@From("arrays") SafetensorsArray> arrays) {
        List<SafetensorsArray> unique = new ArrayList<>();
        arrays.stream().filter(a -> unique.stream().noneMatch(u -> u.name().equals(a.name()))).forEach(unique::add);
        SafetensorsContent read = Safetensors.fromBytes(Safetensors.toBytes(unique, Map.of("k", "v")), "mem");
        assertThat(read.tensors().values()).containsExactlyElementsOf(unique);
    }

    @Property(tries = 100)
    void everyTruncationIsRefusedCleanly(@ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] bytes = sampleModel();
        int keep = cut % bytes.length; // strictly shorter than the file
        byte[] truncated = Arrays.copyOf(bytes, keep);
        assertThatThrownBy(() -> ModelFile.fromBytes(truncated, "model.safetensors")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("model.safetensors: ");
    }

    @Property(tries = 100)
    void everyFlippedDataByteIsCaught(@ForAll @IntRange(min = 1, max = 40) int fromEnd, @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] bytes = sampleModel(); // 40 data bytes at the end
        bytes[bytes.length - fromEnd] ^= (byte) (1 << bit);
        assertThatThrownBy(() -> ModelFile.fromBytes(bytes, "model.safetensors")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("checksum");
    }

    private static byte[] sampleModel() {
        return ModelFile.toBytes("test", new ObjectMapper().createObjectNode().put("a", 1),
                List.of(SafetensorsArray.ofRows("w", new double[][] {{1, 2}, {3, 4}}, DType.FLOAT64),
                        SafetensorsArray.ofVector("b", new double[] {5, 6}, DType.FLOAT32)), Map.of());
    }
}
