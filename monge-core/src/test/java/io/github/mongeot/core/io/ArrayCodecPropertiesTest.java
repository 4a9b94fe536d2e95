package io.github.mongeot.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Round trips of the codecs over random shapes and bit patterns (in memory, no files). */
class ArrayCodecPropertiesTest {
    @Property(tries = 200)
    void npyRoundTripsAnyShapeAndValue(@ForAll @IntRange(min = 0, max = 4) int rank, @ForAll long seed)
            throws IOException {
        Random random = new Random(seed);
        int[] shape = new int[rank];
        for (int axis = 0; axis < rank; axis++) {
            shape[axis] = random.nextInt(rank > 2 ? 4 : 9);
        }
        double[] values = new double[(int) NdArray.sizeOf(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(random.nextLong()); // includes NaN, infinities, subnormals, -0
        }
        NdArray array = new NdArray(shape, values);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(array, out);
        assertThat((out.size() - values.length * 8) % 64).as("header aligned to 64 bytes").isZero();
        NdArray back = Npy.read("mem.npy", out.toByteArray());
        assertThat(back.shape()).containsExactly(shape);
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) { // NaN payloads need not survive the JVM's double handling
                assertThat(back.get(i)).isNaN();
            } else {
                assertThat(Double.doubleToRawLongBits(back.get(i))).isEqualTo(Double.doubleToRawLongBits(values[i]));
            }
        }
    }

    @Property(tries = 100)
    void csvRoundTripsFiniteDoublesExactly(@ForAll @IntRange(min = 1, max = 20) int rows,
            @ForAll @IntRange(min = 1, max = 5) int columns, @ForAll long seed) throws IOException {
        Random random = new Random(seed);
        double[] values = new double[rows * columns];
        for (int i = 0; i < values.length; i++) {
            double v;
            do {
                v = Double.longBitsToDouble(random.nextLong());
            } while (!Double.isFinite(v));
            values[i] = v;
        }
        NdArray array = new NdArray(new int[] {rows, columns}, values);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Csv.write("mem.csv", array, out);
        NdArray back = Csv.read("mem.csv", new StringReader(out.toString(StandardCharsets.UTF_8)));
        assertThat(back).isEqualTo(array);
    }

    @Property(tries = 1000)
    void seventeenDigitsParseBackToTheSameDouble(@ForAll long bits) {
        double value = Double.longBitsToDouble(bits);
        String text = Csv.format(value);
        if (Double.isNaN(value)) {
            assertThat(text).isEqualTo("nan");
        } else {
            assertThat(Double.doubleToRawLongBits(Csv.parseNumber(text))).isEqualTo(bits);
        }
    }
}
