package io.github.mongeot.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our .npy writer: byte-identical to numpy 1.24's np.save, and read back exactly by our reader. */
class NpyWriteTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ref_2d.npy", "ref_1d.npy", "ref_3d.npy", "ref_big_first_axis.npy", "f8_scalar.npy",
        "f8_empty_0x2.npy", "f8_5x3.npy"})
    void writesTheSameBytesAsNumpy(String name) throws IOException {
        Path ours = dir.resolve(name);
        ArrayIO.writeArray(ours, IoFixtures.array(name));
        assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(IoFixtures.file(name)));
    }

    @Test
    void headersAreAlignedTo64Bytes() {
        for (int[] shape : new int[][] {{}, {1}, {12345}, {3, 4}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}}) {
            byte[] header = Npy.header(shape);
            assertThat(header.length % 64).as("shape %s", java.util.Arrays.toString(shape)).isZero();
            assertThat(header[header.length - 1]).isEqualTo((byte) '\n');
        }
    }

    @Test
    void pointsPathsAndVectorsRoundTripExactly() {
        Random random = new Random(7);
        double[][] points = Stream.generate(() -> random.doubles(4).map(v -> (v - 0.5) * Math.pow(10, random.nextInt(40) - 20)).toArray())
                .limit(9).toArray(double[][]::new);
        points[0][0] = -0.0;
        points[1][1] = Double.MIN_VALUE;
        points[2][2] = Double.MAX_VALUE;
        Path file = dir.resolve("points.npy");
        ArrayIO.write(file, points);
        assertThat(ArrayIO.read(file)).isDeepEqualTo(points);
        assertThat(1 / ArrayIO.read(file)[0][0]).isNegative(); // -0.0 kept

        double[][][] paths = {{{1, 2}, {3, 4}, {5, 6}}, {{7, 8}, {9, 10}, {11, 12.5}}};
        ArrayIO.writePaths(dir.resolve("paths.npy"), paths);
        assertThat(ArrayIO.readPaths(dir.resolve("paths.npy"))).isDeepEqualTo(paths);

        double[] weights = {0.1, 0.2, 0.7};
        ArrayIO.writeVector(dir.resolve("w.npy"), weights);
        assertThat(ArrayIO.readVector(dir.resolve("w.npy"))).containsExactly(weights);
    }

    @Test
    void fortranToCMatchesIndexArithmetic() {
        int[] shape = {2, 3, 4};
        double[] fortran = new double[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    fortran[i + 2 * (j + 3 * k)] = 100 * i + 10 * j + k;
                }
            }
        }
        double[] c = Npy.fortranToC(fortran, shape);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertThat(c[(i * 3 + j) * 4 + k]).isEqualTo(100 * i + 10 * j + k);
                }
            }
        }
    }

    @Test
    void overwritesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("x.npy");
        ArrayIO.write(file, new double[][] {{1}});
        ArrayIO.write(file, new double[][] {{2, 3}});
        assertThat(ArrayIO.read(file)).isDeepEqualTo(new double[][] {{2, 3}});
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void failedWriteNamesTheFileAndKeepsTheOldOne() throws IOException {
        assertThatThrownBy(() -> ArrayIO.write(dir.resolve("no/such/dir/x.npy"), new double[][] {{1}}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x.npy: cannot write (directory ")
                .hasMessageContaining("does not exist)");
        assertThatThrownBy(() -> ArrayIO.write(dir.resolve("ragged.npy"), new double[][] {{1, 2}, {3}}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ragged.npy: cannot write a ragged array");
        assertThatThrownBy(() -> ArrayIO.write(dir.resolve("x.txt"), new double[][] {{1}}))
                .hasMessageContaining("x.txt: unknown array file type (use .npy, .npz or .csv)");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
