package io.github.mongeot.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Files written by numpy 1.24 read back to exactly the values numpy wrote (expected.json). */
class NpyReadTest {
    @ParameterizedTest
    @ValueSource(strings = {"f8_5x3.npy", "f4_4x3.npy", "i8_4x2.npy", "i4_3x2.npy", "u1_2x3.npy", "bool_2x2.npy",
        "f8_be_3x2.npy", "f8_fortran_4x3.npy", "f8_fortran_2x3x4.npy", "f8_vector_6.npy", "f8_paths_4x3x2.npy",
        "f8_scalar.npy", "f8_empty_0x2.npy", "f8_v2_3x2.npy", "f8_v3_3x2.npy", "ref_2d.npy"})
    void readsExactlyWhatNumpyWrote(String name) {
        NdArray read = ArrayIO.readArray(IoFixtures.file(name));
        NdArray truth = IoFixtures.array(name);
        assertThat(read.shape()).containsExactly(truth.shape());
        assertThat(read.data()).containsExactly(truth.data());
    }

    @Test
    void fortranOrderIsReorderedToRows() {
        double[][] rows = ArrayIO.read(IoFixtures.file("f8_fortran_4x3.npy"));
        double[] flat = IoFixtures.array("f8_fortran_4x3.npy").data(); // C order from numpy's ravel
        assertThat(rows[1][2]).isEqualTo(flat[1 * 3 + 2]);
        assertThat(rows[3][0]).isEqualTo(flat[3 * 3]);
    }

    @Test
    void pointsVectorsAndPathsHaveTheirShapes() {
        assertThat(ArrayIO.read(IoFixtures.file("f8_5x3.npy"))).hasDimensions(5, 3);
        assertThat(ArrayIO.read(IoFixtures.file("f8_vector_6.npy"))).hasDimensions(6, 1);
        assertThat(ArrayIO.readVector(IoFixtures.file("f8_vector_6.npy")))
                .containsExactly(IoFixtures.array("f8_vector_6.npy").data());
        double[][][] paths = ArrayIO.readPaths(IoFixtures.file("f8_paths_4x3x2.npy"));
        assertThat(paths.length).isEqualTo(4);
        assertThat(paths[3][2][1]).isEqualTo(IoFixtures.array("f8_paths_4x3x2.npy").get(23));
    }

    @Test
    void unsupportedDtypesNameTheFileAndTheDtype() {
        assertThatThrownBy(() -> ArrayIO.readArray(IoFixtures.file("c16_2.npy")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("c16_2.npy: unsupported dtype '<c16'");
        assertThatThrownBy(() -> ArrayIO.readArray(IoFixtures.file("str_2.npy")))
                .hasMessageContaining("str_2.npy: unsupported dtype '<U2'");
    }

    @Test
    void truncatedFileIsReported() {
        assertThatThrownBy(() -> ArrayIO.readArray(IoFixtures.file("truncated.npy")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("truncated.npy: truncated .npy file: shape (10, 2) of float64 needs 160 bytes of data, found 155");
    }

    @Test
    void nanIsRejectedWithItsRow() {
        assertThat(ArrayIO.readArray(IoFixtures.file("f8_nan_row3.npy")).get(5)).isNaN();
        assertThatThrownBy(() -> ArrayIO.read(IoFixtures.file("f8_nan_row3.npy")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("f8_nan_row3.npy: row 3, column 2 is NaN (NaN/Inf not allowed)");
    }

    @Test
    void wrongRankAndEmptyArraysAreRejected() {
        assertThatThrownBy(() -> ArrayIO.read(IoFixtures.file("f8_paths_4x3x2.npy")))
                .hasMessageContaining("expected points as a 2-D array (one row per point), got shape (4, 3, 2)");
        assertThatThrownBy(() -> ArrayIO.readPaths(IoFixtures.file("f8_5x3.npy")))
                .hasMessageContaining("expected a 3-D array (n × K × d), got shape (5, 3)");
        assertThatThrownBy(() -> ArrayIO.readVector(IoFixtures.file("f8_5x3.npy")))
                .hasMessageContaining("expected a vector");
        assertThatThrownBy(() -> ArrayIO.read(IoFixtures.file("f8_empty_0x2.npy")))
                .hasMessageContaining("f8_empty_0x2.npy: empty point cloud");
    }
}
