package io.github.mongeot.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mongeot.experiments.report.Report;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick configurations end to end, checked against their truths (exact OT, Bures map). */
class ExperimentsTest {
    private static ExperimentContext quick(Path dir) {
        return new ExperimentContext(dir, true, 0, new PrintStream(OutputStream.nullOutputStream()));
    }

    @Test
    void entropicCostsApproachTheExactCostAsEpsilonShrinks(@TempDir Path dir) throws Exception {
        Report report = Experiments.run(Experiments.named("sinkhorn-vs-exact"), quick(dir));
        double exact = report.metricValue("exact_cost");
        double[] rels = {0.5, 0.1, 0.02, 0.005, 0.001};
        double previous = Double.POSITIVE_INFINITY;
        for (double rel : rels) {
            double cost = report.metricValue("cost_eps_rel_" + rel);
            double regularised = report.metricValue("regularized_cost_eps_rel_" + rel);
            assertThat(cost).isGreaterThanOrEqualTo(exact - 1e-9); // any plan costs at least the optimum
            assertThat(regularised).isGreaterThan(cost);           // ε·KL(P‖a⊗b) > 0
            assertThat(regularised - exact).isLessThan(previous);
            // OT_ε ≤ ⟨P*, C⟩ + ε KL(P*‖a⊗b) = exact + ε log n for the optimal permutation plan P* (n = 200).
            assertThat(regularised).isLessThanOrEqualTo(exact + report.metricValue("epsilon_eps_rel_" + rel) * Math.log(200) + 1e-9);
            previous = regularised - exact;
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.fieldNames()).toIterable().contains("experiment", "metrics", "paper", "seconds", "quick", "config");
        assertThat(json.get("quick").asBoolean()).isTrue();
        assertThat(Files.size(dir.resolve("convergence.png"))).isGreaterThan(1000);
    }

    @Test
    void entropicMapRecoversTheBuresMap(@TempDir Path dir) throws Exception {
        Report report = Experiments.run(Experiments.named("entropic-map-gaussians"), quick(dir));
        assertThat(report.metricValue("l2uvp_eps_rel_0.01_d2")).isLessThan(5.0);
        assertThat(report.metricValue("cos_eps_rel_0.01_d2")).isGreaterThan(0.98);
        assertThat(report.metricValue("l2uvp_linear_d2")).isLessThan(5.0);
        // W2GN's short --quick training on the same 500 samples: a far better map than the identity (≈ 100s of %)
        assertThat(report.metricValue("l2uvp_w2gn_d2")).isLessThan(5.0);
        assertThat(report.metricValue("cos_w2gn_d2")).isGreaterThan(0.98);
        assertThat(report.metricValue("fit_seconds_w2gn_d2")).isPositive();
        assertThat(Files.size(dir.resolve("map_d2.png"))).isGreaterThan(1000);
    }

    @Test
    void demoRunsEndToEnd(@TempDir Path dir) throws Exception {
        Report report = Demo.run(dir, new PrintStream(OutputStream.nullOutputStream()));
        // The map's transport cost cannot beat the optimum by much (finite samples) and the push-forward fits.
        assertThat(report.metricValue("w2_squared_pushforward_to_target")).isLessThan(0.2);
        assertThat(report.metricValue("transport_cost_fresh")).isBetween(0.8 * report.metricValue("exact_w2_squared"),
                1.2 * report.metricValue("exact_w2_squared"));
        assertThat(dir.resolve("entropic-map.safetensors")).exists();
        assertThat(dir.resolve("map.png")).exists();
    }
}
