package io.github.mongeot.core.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Costs against POT 0.8.2's ot.emd (fixture from tools/fixtures/exact_pot.py). */
class NetworkSimplexPotTest {
    private static final JsonNode FIXTURE = load();

    private static JsonNode load() {
        try (InputStream in = NetworkSimplexPotTest.class.getResourceAsStream("/fixtures/exact/pot_emd.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> cases() {
        List<String> names = new ArrayList<>();
        FIXTURE.get("cases").forEach(c -> names.add(c.get("name").asText()));
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void costMatchesPotAndTheSolutionCertifiesItself(String name) {
        JsonNode c = null;
        for (JsonNode node : FIXTURE.get("cases")) {
            if (node.get("name").asText().equals(name)) {
                c = node;
            }
        }
        double[] a = vector(c.get("a"));
        double[] b = vector(c.get("b"));
        double[] cost = costMatrix(c);
        ExactResult r = NetworkSimplex.transport(a, b, cost);
        double expected = c.get("cost").asDouble();
        assertThat(r.cost()).isCloseTo(expected, within(1e-9 * Math.max(1e-3, Math.abs(expected))));
        OptimalityChecks.assertOptimal(r, a, b, cost);
    }

    @Test
    void peerDataThousandPointsMatchesPotsCost() throws IOException {
        Path dir = Files.isDirectory(Path.of("../bench/data")) ? Path.of("../bench/data") : Path.of("bench/data");
        int n = 1000;
        double[][] x = firstRows(dir.resolve("source_4000x2.csv"), n);
        double[][] y = firstRows(dir.resolve("target_4000x2.csv"), n);
        double[] a = OptimalityChecks.uniform(n);
        double[] cost = OptimalityChecks.sqeuclidean(x, y);
        ExactResult r = NetworkSimplex.transport(a, a, cost);
        double expected = FIXTURE.get("peer_data_n1000_sqeuclidean_cost").asDouble();
        assertThat(expected).isCloseTo(11.03032225, within(1e-8));
        assertThat(r.cost()).isCloseTo(expected, within(1e-9 * expected));
        assertThat(r.converged()).isTrue();
        // Uniform n = n: an optimal vertex is a permutation matrix / n.
        assertThat(r.nonZeros()).isEqualTo(n);
        for (double p : r.mass()) {
            assertThat(p).isCloseTo(1.0 / n, within(1e-15));
        }
    }

    private static double[] costMatrix(JsonNode c) {
        String metric = c.get("metric").asText();
        if (metric.equals("matrix")) {
            return vector(c.get("matrix"));
        }
        double[][] x = rows(c.get("x"));
        double[][] y = rows(c.get("y"));
        double[] sq = OptimalityChecks.sqeuclidean(x, y);
        switch (metric) {
            case "sqeuclidean":
                return sq;
            case "euclidean":
                for (int k = 0; k < sq.length; k++) {
                    sq[k] = Math.sqrt(sq[k]);
                }
                return sq;
            case "cityblock":
                double[] l1 = new double[x.length * y.length];
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < y.length; j++) {
                        double s = 0;
                        for (int k = 0; k < x[i].length; k++) {
                            s += Math.abs(x[i][k] - y[j][k]);
                        }
                        l1[i * y.length + j] = s;
                    }
                }
                return l1;
            default:
                throw new IllegalArgumentException(metric);
        }
    }

    private static double[] vector(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    private static double[][] rows(JsonNode node) {
        double[][] r = new double[node.size()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = vector(node.get(i));
        }
        return r;
    }

    private static double[][] firstRows(Path file, int n) throws IOException {
        List<String> lines = Files.readAllLines(file);
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) {
            String[] parts = lines.get(i).split(",");
            r[i] = new double[parts.length];
            for (int k = 0; k < parts.length; k++) {
                r[i][k] = Double.parseDouble(parts[k].trim());
            }
        }
        return r;
    }
}
