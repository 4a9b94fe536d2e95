package io.github.mongeot.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npz archives written by numpy's savez / savez_compressed, and ours read back. */
class NpzTest {
    @TempDir
    Path dir;

    private static Path withKey(String file, String key) {
        return Path.of(IoFixtures.file(file) + ":" + key);
    }

    @Test
    void selectsArraysByKeyInStoredAndCompressedArchives() {
        for (String key : new String[] {"x", "y", "w"}) {
            assertThat(ArrayIO.readArray(withKey("several.npz", key)))
                    .isEqualTo(IoFixtures.array("several.npz:" + key));
        }
        for (String key : new String[] {"source", "target"}) {
            assertThat(ArrayIO.readArray(withKey("compressed.npz", key)))
                    .isEqualTo(IoFixtures.array("compressed.npz:" + key));
        }
        assertThat(ArrayIO.npzKeys(IoFixtures.file("several.npz"))).containsExactly("x", "y", "w");
        assertThat(ArrayIO.readVector(withKey("several.npz", "w"))).containsOnly(1.0 / 3);
    }

    @Test
    void withoutKeyTakesTheOnlyArrayThenXThenArr0() {
        assertThat(ArrayIO.readArray(IoFixtures.file("lone.npz"))).isEqualTo(IoFixtures.array("lone.npz:points"));
        assertThat(ArrayIO.readArray(IoFixtures.file("several.npz"))).isEqualTo(IoFixtures.array("several.npz:x"));
        assertThat(ArrayIO.readArray(IoFixtures.file("positional.npz")))
                .isEqualTo(IoFixtures.array("positional.npz:arr_0"));
        assertThatThrownBy(() -> ArrayIO.readArray(IoFixtures.file("compressed.npz")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("compressed.npz: holds several arrays [source, target]; choose one with");
    }

    @Test
    void missingKeyListsTheAvailableOnes() {
        assertThatThrownBy(() -> ArrayIO.readArray(withKey("several.npz", "z")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("several.npz: no array named 'z' (available: x, y, w)");
    }

    @Test
    void writesOneArrayUnderArr0OrTheGivenKey() {
        double[][] points = {{1.5, -2}, {3, 1e-300}};
        Path plain = dir.resolve("a.npz");
        ArrayIO.write(plain, points);
        assertThat(ArrayIO.npzKeys(plain)).containsExactly("arr_0");
        assertThat(ArrayIO.read(plain)).isDeepEqualTo(points);

        Path keyed = Path.of(dir.resolve("b.npz") + ":source");
        ArrayIO.write(keyed, points);
        assertThat(ArrayIO.npzKeys(dir.resolve("b.npz"))).containsExactly("source");
        assertThat(ArrayIO.read(keyed)).isDeepEqualTo(points);
    }

    @Test
    void severalArraysRoundTripInOrder() {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("source", NdArray.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        arrays.put("weights", NdArray.of(new double[] {0.25, 0.25, 0.5}));
        arrays.put("paths", NdArray.of(new double[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}}));
        Path file = dir.resolve("several.npz");
        ArrayIO.writeNpz(file, arrays);
        assertThat(ArrayIO.readNpz(file)).containsExactlyEntriesOf(arrays);
    }

    @Test
    void entriesAreByteIdenticalToNumpysNpy() throws IOException {
        NdArray truth = IoFixtures.array("ref_2d.npy");
        Path file = dir.resolve("one.npz");
        ArrayIO.writeArray(file, truth);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            byte[] entry = zip.getInputStream(zip.getEntry("arr_0.npy")).readAllBytes();
            assertThat(entry).isEqualTo(Files.readAllBytes(IoFixtures.file("ref_2d.npy")));
        }
    }

    @Test
    void notAZipIsReported() throws IOException {
        Path file = dir.resolve("fake.npz");
        Files.writeString(file, "this is not a zip archive");
        assertThatThrownBy(() -> ArrayIO.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": not a valid .npz (zip) file");
    }

    @Test
    void truncatedArchiveIsReported() throws IOException {
        byte[] bytes = Files.readAllBytes(IoFixtures.file("several.npz"));
        Path file = dir.resolve("cut.npz");
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ArrayIO.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": not a valid .npz (zip) file");
    }
}
