package io.github.mongeot.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mongeot.nn.net.Network;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model files written by numpy (tools/fixtures/network_fixture.py) with outputs computed in numpy
 * from the documented formulas: loading them must reproduce those outputs (same file layout,
 * same parameter names and conventions as Monge writes).
 */
class NumpyNetworkFixturesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "icnn", "mgradnet-m"})
    void reproducesNumpyOutputs(String name) throws Exception {
        Path file = dir.resolve(name + ".safetensors");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/networks/" + name + ".safetensors")) {
            Files.copy(in, file);
        }
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/networks/" + name + ".expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        ObjectMapper json = new ObjectMapper();
        double[][] x = json.convertValue(expected.get("x"), double[][].class);
        double[][] y = json.convertValue(expected.get("y"), double[][].class);
        Network net = NetworkFiles.load(file);
        assertThat(net.config().type()).isEqualTo(name);
        double[][] out = net.apply(x);
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y[i].length; j++) {
                assertThat(out[i][j]).isCloseTo(y[i][j], within(1e-10 * (1 + Math.abs(y[i][j]))));
            }
        }
    }
}
