package io.github.mongeot.experiments.gradnet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.experiments.ExperimentContext;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradnetGaussianHdTest {
    /** --dims outside 2..128 (or not numbers) fail before any training, naming the value. */
    @Test
    void badDimsFailNamingTheValue(@TempDir Path dir) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        assertThatThrownBy(() -> new GradnetGaussianHd().run(new ExperimentContext(dir, true, 0, quiet, Map.of("dims", "2,3"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--dims 3");
        assertThatThrownBy(() -> new GradnetGaussianHd().run(new ExperimentContext(dir, true, 0, quiet, Map.of("dims", "x"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'x'");
    }
}
