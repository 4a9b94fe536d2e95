package io.github.mongeot.core.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.data.InvalidInputException;
import org.junit.jupiter.api.Test;

class GaussianTest {
    @Test
    void fromSamplesMleAndUnbiased() {
        double[][] square = {{0, 0}, {2, 0}, {0, 2}, {2, 2}};
        Gaussian mle = Gaussian.fromSamples(square);
        assertThat(mle.mean()).containsExactly(1, 1);
        assertThat(mle.covariance()).isDeepEqualTo(new double[][] {{1, 0}, {0, 1}});
        Gaussian unbiased = Gaussian.fromSamples(square, Gaussian.Estimator.UNBIASED);
        assertThat(unbiased.covariance()[0][0]).isCloseTo(4.0 / 3, within(1e-15));
        assertThat(Gaussian.fromSamples(new double[][] {{1, 2}, {3, 6}}).covariance())
                .isDeepEqualTo(new double[][] {{1, 2}, {2, 4}});
    }

    @Test
    void samplesHaveTheGivenMomentsAndAreReproducible() {
        Gaussian g = new Gaussian(new double[] {1, -2}, new double[][] {{4, 1.2}, {1.2, 1}});
        double[][] x = g.sample(40_000, 42);
        assertThat(g.sample(3, 42)).isDeepEqualTo(java.util.Arrays.copyOf(x, 3));
        Gaussian fitted = Gaussian.fromSamples(x);
        // standard errors: mean ≈ σ/√n ≤ 0.01, covariance entries ≈ σ²·√(2/n) ≤ 0.03; allow ~5 of them
        assertThat(fitted.mean()).containsExactly(new double[] {1, -2}, within(0.05));
        assertThat(Matrices.maxAbsDifference(fitted.covariance(), g.covariance())).isLessThan(0.15);
    }

    @Test
    void rejectsBadCovariances() {
        assertThatThrownBy(() -> new Gaussian(new double[] {0, 0}, new double[][] {{1, 0.5}, {0.4, 1}}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not symmetric at (1, 2)");
        assertThatThrownBy(() -> new Gaussian(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}))
                .hasMessageMatching("Gaussian covariance is not positive semi-definite \\(smallest eigenvalue -(1\\.0|0\\.9999+\\d*)\\)");
        assertThatThrownBy(() -> new Gaussian(new double[] {0, Double.NaN}, Matrices.identity(2)))
                .hasMessageContaining("Gaussian mean: entry 2 is NaN");
        assertThatThrownBy(() -> new Gaussian(new double[] {0}, Matrices.identity(2)))
                .hasMessageContaining("2 rows for a mean of dimension 1");
        assertThatThrownBy(() -> Gaussian.standard(2).withRidge(-1)).hasMessageContaining("ridge");
    }
}
