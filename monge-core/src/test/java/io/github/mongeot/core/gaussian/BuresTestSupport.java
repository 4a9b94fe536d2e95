package io.github.mongeot.core.gaussian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** bures.json from tools/fixtures/gaussian_bures.py (floats as repr strings). */
final class BuresTestSupport {
    private static JsonNode fixture;

    private BuresTestSupport() {
    }

    static synchronized JsonNode fixture() {
        if (fixture == null) {
            try (InputStream in = BuresTestSupport.class.getResourceAsStream("/fixtures/gaussian/bures.json")) {
                fixture = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fixture;
    }

    static double scalar(JsonNode node) {
        return Double.parseDouble(node.asText());
    }

    static double[] vector(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = scalar(node.get(i));
        }
        return out;
    }

    static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(node.get(i));
        }
        return out;
    }
}
