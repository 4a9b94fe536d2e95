package io.github.mongeot.core.entropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The entropic map on the peers' data agrees with OTT-JAX's transport of the same new points. */
class EntropicMapOttTest {
    private static double[][] fixture(String name) throws URISyntaxException {
        return ArrayIO.read(Path.of(EntropicMapOttTest.class.getResource("/fixtures/entropic/" + name).toURI()));
    }

    @ParameterizedTest
    @CsvSource({"0.05, 1e-5", "0.01, 5e-5"}) // measured: 6.4e-7 and 6.5e-6
    void matchesOttJaxTransport(double rel, double tolerance) throws Exception {
        EntropicMapModel model = new EntropicMapEstimator(SquaredEuclidean.full(),
                SinkhornOptions.defaults().withEpsilonRel(rel).withThreshold(1e-6))
                .fit(PointCloud.of("source", fixture("peer_source_1000.csv")), PointCloud.of("target", fixture("peer_target_1000.csv")));
        double[][] ours = model.apply(fixture("peer_newpoints_200.csv"));
        double[][] ott = fixture("ott_T_newpoints_200_rel" + rel + ".csv");
        double worst = 0;
        for (int i = 0; i < ours.length; i++) {
            for (int k = 0; k < 2; k++) {
                worst = Math.max(worst, Math.abs(ours[i][k] - ott[i][k]));
            }
        }
        // Both stop at an L1 marginal error of 1e-6, so they differ at that level, not more.
        assertThat(worst).isLessThan(tolerance);
    }
}
