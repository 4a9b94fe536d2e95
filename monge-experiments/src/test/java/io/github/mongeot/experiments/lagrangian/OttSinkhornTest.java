package io.github.mongeot.experiments.lagrangian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mongeot.core.data.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * OttSinkhorn against POT 0.8.2 (tools/fixtures/ott_protocol_pot.py): POT's log-domain Sinkhorn makes the same
 * updates as OTT's from zero potentials, run for exactly the iterations OTT's stopping rule gives; and the converged
 * value against ⟨P, C⟩ + ε KL(P | abᵀ).
 */
class OttSinkhornTest {
    private static JsonNode fixture() throws IOException {
        try (InputStream in = OttSinkhornTest.class.getResourceAsStream("/fixtures/lagrangian/ott_protocol.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[node.get(i).size()];
            for (int k = 0; k < m[i].length; k++) {
                m[i][k] = node.get(i).get(k).asDouble();
            }
        }
        return m;
    }

    @Test
    void theLoopStopsWhereOttsRuleStopsAndReturnsPotsDualValue() throws IOException {
        JsonNode cases = fixture().get("cases");
        // case 0 (the reference protocol's own parameters) is run once, by the next test through paperProtocol
        for (int k = 1; k < cases.size(); k++) {
            JsonNode c = cases.get(k);
            OttSinkhorn.Result r = OttSinkhorn.solve(matrix(c.get("x")), matrix(c.get("y")), c.get("epsilon").asDouble(),
                    c.get("threshold").asDouble(), c.get("max_iterations").asInt());
            assertThat(r.iterations()).as(c.get("name").asText()).isEqualTo(c.get("iterations").asInt());
            assertThat(r.converged()).as(c.get("name").asText()).isEqualTo(c.get("converged").asBoolean());
            assertThat(r.error()).as(c.get("name").asText()).isCloseTo(c.get("error").asDouble(), within(1e-9));
            assertThat(r.regOtCost()).as(c.get("name").asText()).isCloseTo(c.get("reg_ot_cost").asDouble(), within(1e-10));
        }
    }

    @Test
    void theReferenceProtocolOnTwoTargetSamplesRunsIntoTheIterationCap() throws IOException {
        JsonNode c = fixture().get("cases").get(0);
        OttSinkhorn.Result r = OttSinkhorn.paperProtocol(matrix(c.get("x")), matrix(c.get("y")));
        assertThat(r.iterations()).isEqualTo(OttSinkhorn.MAX_ITERATIONS).isEqualTo(c.get("iterations").asInt());
        assertThat(r.converged()).isFalse();
        assertThat(r.error()).isCloseTo(c.get("error").asDouble(), within(1e-9));
        // OTT's value includes ε KL(P | abᵀ): above the transport part ⟨P, C⟩ of the same plan
        assertThat(r.regOtCost()).isCloseTo(c.get("reg_ot_cost").asDouble(), within(1e-10))
                .isGreaterThan(c.get("linear_cost").asDouble());
    }

    @Test
    void convergedValueIsTransportPlusEpsilonKl() throws IOException {
        JsonNode c = fixture().get("converged");
        OttSinkhorn.Result r = OttSinkhorn.solve(matrix(c.get("x")), matrix(c.get("y")), c.get("epsilon").asDouble(),
                c.get("threshold").asDouble(), c.get("max_iterations").asInt());
        assertThat(r.converged()).isTrue();
        assertThat(r.regOtCost()).isCloseTo(c.get("reg_ot_cost").asDouble(), within(1e-9));
    }

    @Test
    void badInputsAreRejected() {
        assertThatThrownBy(() -> OttSinkhorn.solve(new double[0][], new double[][] {{1}}, 1e-3, 1e-3, 10))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> OttSinkhorn.solve(new double[][] {{1}}, new double[][] {{1}}, 0, 1e-3, 10))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> OttSinkhorn.solve(new double[][] {{1, 2}}, new double[][] {{1}}, 1e-3, 1e-3, 10))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("dimension");
    }
}
