package io.github.mongeot.core.sinkhorn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads fixtures/sinkhorn/pot_sinkhorn.json (tools/fixtures/sinkhorn_pot.py, POT 0.8.2). */
final class PotFixtures {
    record Case(int seed, double epsRel, double reg, double[][] x, double[][] y, double[] a, double[] b,
            double[][] plan, double sinkhorn2, double regularizedCost) {
        @Override
        public String toString() {
            return "seed " + seed + ", eps_rel " + epsRel;
        }
    }

    private PotFixtures() {
    }

    static List<Case> cases() {
        try (InputStream in = PotFixtures.class.getResourceAsStream("/fixtures/sinkhorn/pot_sinkhorn.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Case> out = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                out.add(new Case(c.get("seed").asInt(), c.get("eps_rel").asDouble(), c.get("reg").asDouble(),
                        matrix(c.get("x")), matrix(c.get("y")), vector(c.get("a")), vector(c.get("b")),
                        matrix(c.get("plan")), c.get("sinkhorn2").asDouble(), c.get("regularized_cost").asDouble()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] vector(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(node.get(i));
        }
        return m;
    }
}
