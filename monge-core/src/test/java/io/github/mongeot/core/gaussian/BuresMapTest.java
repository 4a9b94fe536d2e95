package io.github.mongeot.core.gaussian;

import static io.github.mongeot.core.gaussian.BuresTestSupport.matrix;
import static io.github.mongeot.core.gaussian.BuresTestSupport.scalar;
import static io.github.mongeot.core.gaussian.BuresTestSupport.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mongeot.core.data.InvalidInputException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Bures map against its defining identities, closed forms, POT 0.8.2 and scipy. */
class BuresMapTest {
    private static Gaussian random(int d, long seed) {
        Random random = new Random(seed);
        double[] mean = random.doubles(d, -3, 3).toArray();
        return new Gaussian(mean, SymmetricEigenTest.randomSpd(d, random, 0.05));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 20})
    void matrixIsSymmetricPositiveDefiniteAndPushesCovariances(int d) {
        Gaussian source = random(d, d);
        Gaussian target = random(d, 1000 + d);
        double[][] a = BuresMap.between(source, target).matrix();
        assertThat(Matrices.maxAbsDifference(a, Matrices.transpose(a))).isZero();
        assertThat(SymmetricEigen.of(a).min()).isPositive();
        double[][] pushed = Matrices.multiply(Matrices.multiply(a, source.covariance()), a);
        assertThat(Matrices.maxAbsDifference(pushed, target.covariance()))
                .isLessThan(1e-12 * Matrices.maxAbs(target.covariance()) * Math.max(1, d / 4.0));
    }

    @Test
    void mapsMeanToMeanAndInverseUndoesIt() {
        Gaussian source = random(4, 1);
        Gaussian target = random(4, 2);
        BuresMap map = BuresMap.between(source, target);
        assertThat(map.apply(source.mean())).containsExactly(target.mean(), within(1e-12));
        double[][] x = source.sample(10, 3);
        double[][] back = map.inverse().apply(map.apply(x));
        for (int i = 0; i < x.length; i++) {
            assertThat(back[i]).containsExactly(x[i], within(1e-11));
        }
    }

    @Test
    void commutingCovariancesGiveTheRatioOfStandardDeviations() {
        // Σ₁ = R D₁ Rᵀ and Σ₂ = R D₂ Rᵀ commute: A = R diag(√(d₂/d₁)) Rᵀ, W₂² = ‖Δm‖² + Σ (√d₁ − √d₂)²
        double[][] r = SymmetricEigen.of(SymmetricEigenTest.randomSymmetric(3, new Random(9))).vectors();
        double[] d1 = {0.5, 2, 9};
        double[] d2 = {4, 0.3, 1};
        Gaussian source = new Gaussian(new double[] {1, 2, 3}, conjugate(r, d1));
        Gaussian target = new Gaussian(new double[] {-1, 0, 5}, conjugate(r, d2));
        double[] ratio = new double[3];
        double bures = 0;
        for (int k = 0; k < 3; k++) {
            ratio[k] = Math.sqrt(d2[k] / d1[k]);
            bures += Math.pow(Math.sqrt(d1[k]) - Math.sqrt(d2[k]), 2);
        }
        assertThat(Matrices.maxAbsDifference(BuresMap.between(source, target).matrix(), conjugate(r, ratio)))
                .isLessThan(1e-13);
        assertThat(Bures.w2Squared(source, target)).isCloseTo(4 + 4 + 4 + bures, within(1e-12));
    }

    @Test
    void oneDimensionalMapIsSigmaRatio() {
        Gaussian source = new Gaussian(new double[] {1.5}, new double[][] {{0.25}});
        Gaussian target = new Gaussian(new double[] {-2}, new double[][] {{9}});
        BuresMap map = BuresMap.between(source, target);
        assertThat(map.matrix()[0][0]).isCloseTo(3 / 0.5, within(1e-14));
        assertThat(map.offset()[0]).isCloseTo(-2 - 6 * 1.5, within(1e-13));
        assertThat(map.apply(new double[] {2.5})[0]).isCloseTo(-2 + 6, within(1e-13));
        assertThat(Bures.w2Squared(source, target)).isCloseTo(3.5 * 3.5 + (0.5 - 3) * (0.5 - 3), within(1e-13));
    }

    @Test
    void identicalGaussiansAreAtDistanceZeroAndMapByIdentity() {
        Gaussian g = random(5, 77);
        assertThat(Bures.w2Squared(g, g)).isCloseTo(0, within(1e-12));
        // rounding in Σ^{-1/2} grows with the condition number of Σ
        SymmetricEigen eigen = SymmetricEigen.of(g.covariance());
        double condition = eigen.max() / eigen.min();
        assertThat(Matrices.maxAbsDifference(BuresMap.between(g, g).matrix(), Matrices.identity(5)))
                .isLessThan(1e-14 * condition);
    }

    @Test
    void distanceIsInvariantUnderACommonRotationAndTranslation() {
        Gaussian a = random(3, 11);
        Gaussian b = random(3, 12);
        double[][] r = SymmetricEigen.of(SymmetricEigenTest.randomSymmetric(3, new Random(13))).vectors();
        double[] shift = {5, -1, 2};
        assertThat(Bures.w2Squared(move(a, r, shift), move(b, r, shift)))
                .isCloseTo(Bures.w2Squared(a, b), within(1e-12 * Bures.w2Squared(a, b)));
    }

    @Test
    void matchesPotOtMappingLinear() {
        // POT: biased (÷n) sample covariance + reg·I, map applied to row vectors as xs @ A + b
        for (JsonNode c : BuresTestSupport.fixture().get("pot_linear")) {
            double reg = scalar(c.get("reg"));
            Gaussian source = Gaussian.fromSamples(matrix(c.get("xs")), Gaussian.Estimator.MLE).withRidge(reg);
            Gaussian target = Gaussian.fromSamples(matrix(c.get("xt")), Gaussian.Estimator.MLE).withRidge(reg);
            BuresMap map = BuresMap.between(source, target);
            double[][] potA = matrix(c.get("A"));
            assertThat(Matrices.maxAbsDifference(map.matrix(), potA)).as("A, reg %s", reg)
                    .isLessThan(1e-10 * Matrices.maxAbs(potA));
            assertThat(map.offset()).as("b, reg %s", reg).containsExactly(vector(c.get("b")), within(1e-9));
        }
    }

    @Test
    void matchesScipySqrtmReference() {
        for (JsonNode c : BuresTestSupport.fixture().get("scipy_w2")) {
            Gaussian source = new Gaussian(vector(c.get("m1")), matrix(c.get("s1")));
            Gaussian target = new Gaussian(vector(c.get("m2")), matrix(c.get("s2")));
            double w2 = scalar(c.get("w2_squared"));
            assertThat(Bures.w2Squared(source, target)).isCloseTo(w2, within(1e-11 * Math.max(1, w2)));
            assertThat(Matrices.maxAbsDifference(BuresMap.between(source, target).matrix(), matrix(c.get("A"))))
                    .isLessThan(1e-11);
        }
    }

    @Test
    void singularSourceIsRejectedButSingularCovariancesHaveADistance() {
        Gaussian flat = new Gaussian(new double[] {0, 0}, new double[][] {{1, 1}, {1, 1}});
        Gaussian round = Gaussian.standard(2);
        assertThatThrownBy(() -> BuresMap.between(flat, round))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("source covariance is not positive definite");
        // the map from round to flat exists: A = (Σ₂)^{1/2} = Σ₂/√2 here; W₂² = tr I + tr Σ₂ − 2 tr Σ₂^{1/2} = 4 − 2√2
        assertThat(Bures.w2Squared(round, flat)).isCloseTo(4 - 2 * Math.sqrt(2), within(1e-14));
        assertThat(Bures.w2Squared(flat, round)).isCloseTo(4 - 2 * Math.sqrt(2), within(1e-14));
        assertThatThrownBy(() -> BuresMap.between(Gaussian.standard(2), Gaussian.standard(3)))
                .hasMessageContaining("dimension mismatch");
    }

    private static double[][] conjugate(double[][] r, double[] diagonal) {
        double[][] d = new double[diagonal.length][diagonal.length];
        for (int k = 0; k < diagonal.length; k++) {
            d[k][k] = diagonal[k];
        }
        return Matrices.symmetrize(Matrices.multiply(Matrices.multiply(r, d), Matrices.transpose(r)));
    }

    private static Gaussian move(Gaussian g, double[][] r, double[] shift) {
        double[] mean = Matrices.multiply(r, g.mean());
        for (int k = 0; k < mean.length; k++) {
            mean[k] += shift[k];
        }
        double[][] cov = Matrices.multiply(Matrices.multiply(r, g.covariance()), Matrices.transpose(r));
        return new Gaussian(mean, Matrices.symmetrize(cov));
    }
}
