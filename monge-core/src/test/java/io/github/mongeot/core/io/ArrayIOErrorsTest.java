package io.github.mongeot.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-level failures: each is one line naming the file. */
class ArrayIOErrorsTest {
    @TempDir
    Path dir;

    @Test
    void missingFileAndDirectory() {
        Path missing = dir.resolve("missing.npy");
        assertThatThrownBy(() -> ArrayIO.read(missing))
                .isInstanceOf(InvalidInputException.class).hasMessage(missing + ": file not found");
        assertThatThrownBy(() -> ArrayIO.read(Path.of(dir + "/missing.npz:x")))
                .hasMessage(dir + "/missing.npz: file not found");
        Path folder = dir.resolve("folder.csv");
        folder.toFile().mkdir();
        assertThatThrownBy(() -> ArrayIO.read(folder)).hasMessage(folder + ": is a directory, not an array file");
    }

    @Test
    void emptyAndGarbageNpy() throws IOException {
        Path empty = dir.resolve("empty.npy");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> ArrayIO.read(empty)).hasMessage(empty + ": empty file");
        Path text = dir.resolve("text.npy");
        Files.writeString(text, "1,2\n3,4\n");
        assertThatThrownBy(() -> ArrayIO.read(text)).hasMessage(text + ": not a .npy file (no \\x93NUMPY magic string)");
        Path shortHeader = dir.resolve("short.npy");
        byte[] real = Files.readAllBytes(IoFixtures.file("f8_5x3.npy"));
        Files.write(shortHeader, java.util.Arrays.copyOf(real, 40));
        assertThatThrownBy(() -> ArrayIO.read(shortHeader)).hasMessageStartingWith(shortHeader + ": truncated .npy header");
    }

    @Test
    void unreadableFile() throws IOException {
        Path file = dir.resolve("secret.npy");
        ArrayIO.write(file, new double[][] {{1}});
        file.toFile().setReadable(false);
        try {
            // root reads anything: then the check is skipped, not passed
            Assumptions.assumeFalse(Files.isReadable(file), "running as root: cannot make a file unreadable");
            assertThatThrownBy(() -> ArrayIO.read(file)).hasMessage(file + ": cannot read (permission denied)");
        } finally {
            file.toFile().setReadable(true);
        }
    }

    @Test
    void literalColonFileNameWinsOverKeySyntax() {
        Path odd = Path.of(dir + "/odd.npz:x");
        // no such file: the suffix is a key of odd.npz, which does not exist
        assertThatThrownBy(() -> ArrayIO.read(odd)).hasMessage(dir + "/odd.npz: file not found");
        ArrayIO.writeNpz(dir.resolve("odd.npz"), java.util.Map.of("x", NdArray.of(new double[][] {{4}})));
        assertThat(ArrayIO.read(odd)).isDeepEqualTo(new double[][] {{4}});
        assertThatThrownBy(() -> ArrayIO.write(Path.of(dir + "/a.npy:x"), new double[][] {{1}}))
                .hasMessageContaining("unknown array file type");
    }
}
