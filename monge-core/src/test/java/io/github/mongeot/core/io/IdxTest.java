package io.github.mongeot.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files written byte by byte from the format's definition (big-endian header, row-major values). */
class IdxTest {
    @TempDir
    Path dir;

    private static byte[] idx(int type, int[] shape, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(0);
        out.writeByte(type);
        out.writeByte(shape.length);
        for (int s : shape) {
            out.writeInt(s);
        }
        out.write(values);
        return bytes.toByteArray();
    }

    @Test
    void unsignedBytesPlainAndGzippedWithALimit() throws IOException {
        byte[] values = new byte[3 * 2 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (i * 20); // 0, 20, …, 220: above 127 they must read unsigned
        }
        Path plain = dir.resolve("images-idx3-ubyte");
        Files.write(plain, idx(0x08, new int[] {3, 2, 2}, values));
        Path gz = dir.resolve("images-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(idx(0x08, new int[] {3, 2, 2}, values));
        }
        for (Path file : new Path[] {plain, gz}) {
            NdArray a = Idx.read(file);
            assertThat(a.shape()).containsExactly(3, 2, 2);
            assertThat(a.data()).containsExactly(0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 220);
            NdArray first = Idx.read(file, 2);
            assertThat(first.shape()).containsExactly(2, 2, 2);
            assertThat(first.data()).containsExactly(Arrays.copyOf(a.data(), 8));
        }
    }

    @Test
    void labelsAndWiderTypes() throws IOException {
        Path labels = dir.resolve("labels");
        Files.write(labels, idx(0x08, new int[] {4}, new byte[] {7, 2, 1, 0}));
        assertThat(Idx.read(labels).data()).containsExactly(7, 2, 1, 0);
        Path shorts = dir.resolve("shorts");
        Files.write(shorts, idx(0x0B, new int[] {2}, new byte[] {(byte) 0xff, (byte) 0xfe, 0x01, 0x00}));
        assertThat(Idx.read(shorts).data()).containsExactly(-2, 256);
    }

    @Test
    void badFilesGiveOneLineErrorsNamingTheFile() throws IOException {
        Path truncated = dir.resolve("truncated");
        Files.write(truncated, Arrays.copyOf(idx(0x08, new int[] {3, 2, 2}, new byte[12]), 20));
        assertThatThrownBy(() -> Idx.read(truncated)).isInstanceOf(InvalidInputException.class)
                .hasMessage(truncated + ": truncated IDX file");
        Path npy = dir.resolve("not-idx");
        Files.write(npy, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        assertThatThrownBy(() -> Idx.read(npy)).isInstanceOf(InvalidInputException.class).hasMessageContaining("not an IDX file");
        Path type = dir.resolve("type");
        Files.write(type, idx(0x07, new int[] {1}, new byte[] {1}));
        assertThatThrownBy(() -> Idx.read(type)).isInstanceOf(InvalidInputException.class).hasMessageContaining("0x7");
        assertThatThrownBy(() -> Idx.read(dir.resolve("missing"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such file");
    }
}
