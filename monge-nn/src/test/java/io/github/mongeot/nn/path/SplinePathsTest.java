package io.github.mongeot.nn.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class SplinePathsTest {
    private static final int KNOTS = 30;
    private final CubicSplineBasis basis = CubicSplineBasis.of(KNOTS);

    @Test
    void basisSpansTheNullSpaceOfTheConstraintsWithOrthonormalColumns() {
        double[][] b = basis.basis();
        double[][] c = CubicSplineBasis.constraints(KNOTS - 1);
        assertThat(b).hasNumberOfRows(4 * (KNOTS - 1));
        assertThat(b[0]).hasSize(KNOTS); // dimension 4E − (3E − 1) = E + 1 = N
        for (double[] row : c) {
            for (int k = 0; k < KNOTS; k++) {
                double s = 0;
                for (int i = 0; i < row.length; i++) {
                    s += row[i] * b[i][k];
                }
                assertThat(s).isCloseTo(0, within(1e-10));
            }
        }
        for (int j = 0; j < KNOTS; j++) {
            for (int k = 0; k < KNOTS; k++) {
                double s = 0;
                for (double[] r : b) {
                    s += r[j] * r[k];
                }
                assertThat(s).isCloseTo(j == k ? 1 : 0, within(1e-10));
            }
        }
    }

    @Test
    void randomParametersGiveASplineContinuousToSecondOrderThatVanishesAtBothEnds() {
        double[][] b = basis.basis();
        double[] phi = new Random(3).doubles(KNOTS, -1, 1).toArray();
        double[] coef = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            for (int k = 0; k < KNOTS; k++) {
                coef[i] += b[i][k] * phi[k];
            }
        }
        int segments = KNOTS - 1;
        assertThat(polynomial(coef, 0, 0, 0)).isCloseTo(0, within(1e-12));
        assertThat(polynomial(coef, segments - 1, 1.0, 0)).isCloseTo(0, within(1e-12));
        double largest = 0;
        for (int k = 1; k < segments; k++) {
            double t = (double) k / segments;
            for (int order = 0; order < 3; order++) {
                double left = polynomial(coef, k - 1, t, order);
                double right = polynomial(coef, k, t, order);
                assertThat(left).as("order %d at knot %d", order, k).isCloseTo(right, within(1e-9 * (1 + Math.abs(left))));
                largest = Math.max(largest, Math.abs(left));
            }
        }
        assertThat(largest).isGreaterThan(1e-3); // not the zero spline
    }

    private static double polynomial(double[] coef, int segment, double t, int order) {
        double[] m = CubicSplineBasis.monomialDerivative(t, order);
        double s = 0;
        for (int j = 0; j < 4; j++) {
            s += m[j] * coef[4 * segment + j];
        }
        return s;
    }

    @Test
    @SuppressWarnings("try")
    void pathsHitBothEndsForAnyParametersAndAreStraightAtZero() {
        SplinePaths paths = new SplinePaths(basis, CubicSplineBasis.uniformTimes(20), DType.FLOAT64);
        double[][] x = {{0.3, -1.2}, {2.0, 0.5}};
        double[][] y = {{-0.7, 0.4}, {1.0, 1.5}};
        Random rng = new Random(5);
        try (PointerScope scope = new PointerScope()) {
            Tensor xt = Tensors.fromRows(x, DType.FLOAT64);
            Tensor yt = Tensors.fromRows(y, DType.FLOAT64);
            double[] random = rng.doubles(2 * KNOTS * 2, -2, 2).toArray();
            double[] curved = Tensors.toFlat(paths.points(Tensors.fromFlat(random, new long[] {2, KNOTS, 2}, DType.FLOAT64), xt, yt));
            double[] straight = Tensors.toFlat(paths.points(Tensors.fromFlat(new double[2 * KNOTS * 2], new long[] {2, KNOTS, 2},
                    DType.FLOAT64), xt, yt));
            double[] times = paths.times();
            double bend = 0;
            for (int b = 0; b < 2; b++) {
                for (int k = 0; k < 2; k++) {
                    assertThat(curved[(b * 20) * 2 + k]).isCloseTo(x[b][k], within(1e-12));
                    assertThat(curved[(b * 20 + 19) * 2 + k]).isCloseTo(y[b][k], within(1e-12));
                    for (int i = 0; i < 20; i++) {
                        double line = (1 - times[i]) * x[b][k] + times[i] * y[b][k];
                        assertThat(straight[(b * 20 + i) * 2 + k]).isCloseTo(line, within(1e-12));
                        bend = Math.max(bend, Math.abs(curved[(b * 20 + i) * 2 + k] - line));
                    }
                }
            }
            assertThat(bend).isGreaterThan(0.01);
        }
    }

    @Test
    void refusesTooFewKnotsAndTimesOutsideTheInterval() {
        assertThatThrownBy(() -> CubicSplineBasis.of(2)).isInstanceOf(InvalidInputException.class).hasMessageContaining("3 knots");
        assertThatThrownBy(() -> basis.evaluationMatrix(new double[] {1.5}, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("[0, 1]");
    }
}
