package io.github.mongeot.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mongeot.core.data.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV: numpy's savetxt files read exactly, our writer byte-identical to savetxt's %.17g. */
class CsvTest {
    @TempDir
    Path dir;

    @Test
    void formatsLikeCPrintfG17() {
        for (JsonNode pair : IoFixtures.expected().get("format_g17")) {
            double value = Double.parseDouble(pair.get(0).asText());
            assertThat(Csv.format(value)).as("%s", pair.get(0).asText()).isEqualTo(pair.get(1).asText());
        }
    }

    @Test
    void readsSavetxtFilesWithAndWithoutHeaders() {
        for (String name : new String[] {"savetxt_g17.csv", "savetxt_header.csv", "savetxt_hash_header.csv"}) {
            assertThat(ArrayIO.readArray(IoFixtures.file(name))).as(name).isEqualTo(IoFixtures.array(name));
        }
    }

    @Test
    void writesTheSameBytesAsSavetxt() throws IOException {
        Path ours = dir.resolve("ours.csv");
        ArrayIO.writeArray(ours, IoFixtures.array("savetxt_g17.csv"));
        assertThat(Files.readString(ours)).isEqualTo(Files.readString(IoFixtures.file("savetxt_g17.csv")));
    }

    @Test
    void randomDoublesRoundTripExactly() {
        Random random = new Random(11);
        double[][] points = new double[200][3];
        for (double[] row : points) {
            for (int k = 0; k < 3; k++) {
                row[k] = Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL) * (random.nextBoolean() ? 1 : -1);
            }
        }
        Path file = dir.resolve("p.csv");
        ArrayIO.write(file, points);
        assertThat(ArrayIO.read(file)).isDeepEqualTo(points);
        ArrayIO.writeVector(dir.resolve("w.csv"), new double[] {0.1, 0.9});
        assertThat(ArrayIO.readVector(dir.resolve("w.csv"))).containsExactly(0.1, 0.9);
    }

    @Test
    void headerDetectionSpacesBlankLinesAndComments() throws IOException {
        Path file = dir.resolve("h.csv");
        Files.writeString(file, "\uFEFFx0, x1\n\n 1.5 , -2e3\n# a comment\n3,4\n  \n");
        assertThat(ArrayIO.read(file)).isDeepEqualTo(new double[][] {{1.5, -2000}, {3, 4}});
        Files.writeString(file, "\uFEFF1,2\r\n3,4\r\n");
        assertThat(ArrayIO.read(file)).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
    }

    @Test
    void badCellsAreReportedWithLineAndColumn() throws IOException {
        assertThatThrownBy(() -> ArrayIO.read(csv("1,2\n3,4,5\n")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("bad.csv: line 2 has 3 columns, expected 2 (ragged CSV)");
        assertThatThrownBy(() -> ArrayIO.read(csv("x,y\n1,2\n3,abc\n")))
                .hasMessageEndingWith("bad.csv: line 3, column 2: 'abc' is not a number");
        assertThatThrownBy(() -> ArrayIO.read(csv("1,2\n3,\n")))
                .hasMessageEndingWith("bad.csv: line 2, column 2 is empty");
        assertThatThrownBy(() -> ArrayIO.read(csv("1.0,abc\n3,4\n")))
                .hasMessageEndingWith("bad.csv: line 1, column 2: 'abc' is not a number");
        assertThatThrownBy(() -> ArrayIO.read(csv("1;2\n3;4\n")))
                .hasMessageEndingWith("bad.csv: line 2, column 1: '3;4' is not a number (columns must be separated by commas)");
        assertThatThrownBy(() -> ArrayIO.read(csv("1,2\n1.0f,2\n")))
                .hasMessageContaining("'1.0f' is not a number");
    }

    @Test
    void nanAndInfAreReadThenRejectedWithTheirRow() throws IOException {
        Path file = csv("a,b\n1,2\n3,nan\n-inf,0\n");
        NdArray raw = ArrayIO.readArray(file);
        assertThat(raw.get(3)).isNaN();
        assertThat(raw.get(4)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> ArrayIO.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("bad.csv: row 2, column 2 is NaN (NaN/Inf not allowed)");
        assertThatThrownBy(() -> ArrayIO.readVector(csv("1\ninf\n")))
                .hasMessageEndingWith("bad.csv: value 2 is Infinity (NaN/Inf not allowed)");
    }

    @Test
    void emptyFilesAndHeaderOnlyFilesAreReported() throws IOException {
        assertThatThrownBy(() -> ArrayIO.read(csv("")))
                .isInstanceOf(InvalidInputException.class).hasMessageEndingWith("bad.csv: empty file");
        assertThatThrownBy(() -> ArrayIO.read(csv("\n\n# only a comment\n")))
                .hasMessageEndingWith("bad.csv: empty file (no rows)");
        assertThatThrownBy(() -> ArrayIO.read(csv("x,y\n")))
                .hasMessageEndingWith("bad.csv: no data rows after the header line");
    }

    @Test
    void binaryGarbageIsNotReadAsText() throws IOException {
        Path file = dir.resolve("bin.csv");
        Files.write(file, new byte[] {(byte) 0x93, 'N', 'U', (byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> ArrayIO.read(file))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(file + ": ");
    }

    @Test
    void threeDimensionalArraysDoNotGoToCsv() {
        assertThatThrownBy(() -> ArrayIO.writePaths(dir.resolve("p.csv"), new double[][][] {{{1}}}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("p.csv: CSV holds 1-D or 2-D arrays; write shape (1, 1, 1) as .npy or .npz");
    }

    private Path csv(String content) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, content);
        return file;
    }
}
