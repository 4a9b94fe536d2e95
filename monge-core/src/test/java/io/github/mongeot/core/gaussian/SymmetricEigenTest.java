package io.github.mongeot.core.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The eigendecomposition reconstructs its matrix with orthonormal vectors; the SPD functions invert each other. */
class SymmetricEigenTest {
    static double[][] randomSymmetric(int d, Random random) {
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                s[i][j] = random.nextGaussian();
                s[j][i] = s[i][j];
            }
        }
        return s;
    }

    static double[][] randomSpd(int d, Random random, double ridge) {
        double[][] q = new double[d][d];
        for (double[] row : q) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] s = Matrices.symmetrize(Matrices.multiply(q, Matrices.transpose(q)));
        for (int i = 0; i < d; i++) {
            s[i][i] += ridge;
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 40})
    void reconstructsWithOrthonormalVectors(int d) {
        double[][] s = randomSymmetric(d, new Random(d));
        SymmetricEigen eigen = SymmetricEigen.of(s);
        double[][] v = eigen.vectors();
        assertThat(Matrices.maxAbsDifference(Matrices.multiply(Matrices.transpose(v), v), Matrices.identity(d)))
                .isLessThan(1e-13);
        assertThat(Matrices.maxAbsDifference(eigen.apply(x -> x), s)).isLessThan(1e-13 * d);
        double[] values = eigen.values();
        for (int k = 1; k < d; k++) {
            assertThat(values[k]).isGreaterThanOrEqualTo(values[k - 1]);
        }
        assertThat(java.util.Arrays.stream(values).sum()).isCloseTo(Matrices.trace(s), within(1e-12 * d));
    }

    @Test
    void knownEigenvalues() {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, -1)/√2 and (1, 1)/√2
        SymmetricEigen eigen = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertThat(eigen.values()).containsExactly(new double[] {1, 3}, within(1e-15));
        double[][] v = eigen.vectors();
        assertThat(Math.abs(v[0][1] * v[1][1])).isCloseTo(0.5, within(1e-15));
        assertThat(v[0][0] * v[1][0]).isCloseTo(-0.5, within(1e-15));
    }

    @Test
    void smallEigenvaluesOfAnIllConditionedMatrixAreRelativelyAccurate() {
        // diag(1, 1e-10, 1e-14) rotated: the eigenvalues come back to a few ulps of each
        double[][] r = SymmetricEigen.of(randomSymmetric(3, new Random(5))).vectors();
        double[][] d = {{1, 0, 0}, {0, 1e-10, 0}, {0, 0, 1e-14}};
        double[][] s = Matrices.symmetrize(Matrices.multiply(Matrices.multiply(r, d), Matrices.transpose(r)));
        double[] values = SymmetricEigen.of(s).values();
        assertThat(values[2]).isCloseTo(1, within(1e-15));
        assertThat(values[1]).isCloseTo(1e-10, within(1e-16));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 10})
    void squareRootAndInverseSquareRoot(int d) {
        double[][] s = randomSpd(d, new Random(100 + d), 0.1);
        double[][] root = SpdMatrices.sqrt(s);
        double[][] inverseRoot = SpdMatrices.inverseSqrt("s", s);
        double scale = Matrices.maxAbs(s);
        assertThat(Matrices.maxAbsDifference(Matrices.multiply(root, root), s)).isLessThan(1e-13 * scale);
        assertThat(Matrices.maxAbsDifference(Matrices.multiply(root, inverseRoot), Matrices.identity(d)))
                .isLessThan(1e-12);
        assertThat(Matrices.maxAbsDifference(Matrices.multiply(SpdMatrices.inverse("s", s), s), Matrices.identity(d)))
                .isLessThan(1e-12);
        assertThat(SymmetricEigen.of(root).min()).isPositive();
    }
}
