package io.github.mongeot.experiments.neuralot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.github.mongeot.core.gaussian.Gaussian;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The toy targets: whitened means 0 and covariance I (on fresh draws), and the circles' geometry. */
class NotProblemsTest {
    @Test
    void whitenedTargetsHaveZeroMeanAndIdentityCovariance() {
        for (NotProblems.Sampler sampler : new NotProblems.Sampler[] {NotProblems.whitened(NotProblems::swissRollRaw, 2),
                NotProblems.whitened(NotProblems::eightGaussiansRaw, 2)}) {
            Gaussian fit = Gaussian.fromSamples(sampler.sample(50_000, new Random(3)));
            for (int r = 0; r < 2; r++) {
                assertThat(fit.mean()[r]).isCloseTo(0, offset(0.03));
                for (int c = 0; c < 2; c++) {
                    assertThat(fit.covariance()[r][c]).isCloseTo(r == c ? 1 : 0, offset(0.03));
                }
            }
        }
        Gaussian oneD = Gaussian.fromSamples(NotProblems.whitened(NotProblems::threeGaussiansRaw, 1).sample(50_000, new Random(4)));
        assertThat(oneD.mean()[0]).isCloseTo(0, offset(0.03));
        assertThat(oneD.covariance()[0][0]).isCloseTo(1, offset(0.03));
    }

    @Test
    void rawMixturesHaveTheirClosedFormVariance() {
        // 8 Gaussians: E‖y‖² = 12² + 2 (unit noise per coordinate); 3 Gaussians: Var = (2/3)·9² + 1 = 55
        double s8 = 0;
        for (double[] p : NotProblems.eightGaussiansRaw(40_000, new Random(5))) {
            s8 += (p[0] * p[0] + p[1] * p[1]) / 40_000;
        }
        assertThat(s8).isCloseTo(146, offset(1.5));
        double s3 = 0;
        for (double[] p : NotProblems.threeGaussiansRaw(40_000, new Random(6))) {
            s3 += p[0] * p[0] / 40_000;
        }
        assertThat(s3).isCloseTo(55, offset(1.0));
    }

    @Test
    void circleSamplesLieOnTheirCircles() {
        for (double[] p : NotProblems.circles(500, new Random(7), NotCircles.CENTRES, NotCircles.RADIUS)) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] c : NotCircles.CENTRES) {
                best = Math.min(best, Math.abs(Math.hypot(p[0] - c[0], p[1] - c[1]) - NotCircles.RADIUS));
            }
            assertThat(best).isLessThan(1e-9);
        }
    }
}
