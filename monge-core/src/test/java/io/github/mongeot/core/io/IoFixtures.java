package io.github.mongeot.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The numpy-written files of tools/fixtures/io_arrays.py and the values they hold. */
final class IoFixtures {
    private static JsonNode expected;

    private IoFixtures() {
    }

    static Path file(String name) {
        try {
            return Path.of(IoFixtures.class.getResource("/fixtures/io/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    static synchronized JsonNode expected() {
        if (expected == null) {
            try {
                expected = new ObjectMapper().readTree(file("expected.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expected;
    }

    /** The array numpy wrote under {@code name} (a file, or {@code file.npz:key}). */
    static NdArray array(String name) {
        JsonNode node = expected().get(name);
        if (node == null) {
            throw new IllegalStateException("no expected values for " + name);
        }
        int[] shape = new int[node.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get("shape").get(i).asInt();
        }
        double[] values = new double[node.get("values").size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(node.get("values").get(i).asText().replace("nan", "NaN").replace("inf", "Infinity"));
        }
        return new NdArray(shape, values);
    }
}
