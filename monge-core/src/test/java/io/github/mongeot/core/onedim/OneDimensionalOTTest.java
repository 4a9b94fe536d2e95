package io.github.mongeot.core.onedim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OneDimensionalOTTest {

    @Test
    void aShiftedSampleIsMatchedInOrderAtCostShiftSquared() {
        Random rnd = new Random(1);
        int n = 100;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        // y is x shifted by 0.7 and listed in reverse order: index i of x must go to n-1-i of y.
        for (int i = 0; i < n; i++) {
            y[n - 1 - i] = x[i] + 0.7;
        }
        MonotonePlan plan = OneDimensionalOT.solve(x, y, z -> z * z);
        assertThat(plan.cost()).isCloseTo(0.49, within(1e-12));
        assertThat(plan.nonZeros()).isEqualTo(n);
        for (int k = 0; k < n; k++) {
            assertThat(plan.cols()[k]).isEqualTo(n - 1 - plan.rows()[k]);
            assertThat(plan.mass()[k]).isCloseTo(1.0 / n, within(1e-15));
        }
    }

    @Test
    void weightedNorthWestCornerByHand() {
        double[] x = {1, 0};
        double[] a = {0.5, 0.5};
        double[] y = {3, 0, 2};
        double[] b = {0.5, 0.25, 0.25};
        MonotonePlan plan = OneDimensionalOT.solveSquared(x, a, y, b);
        // Sorted: x 0 (idx 1), 1 (idx 0); y 0 (idx 1), 2 (idx 2), 3 (idx 0).
        // 0 -> 0 mass 0.25, 0 -> 2 mass 0.25, 1 -> 3 mass 0.5: cost 0 + 0.25*4 + 0.5*4 = 3.
        assertThat(plan.cost()).isCloseTo(3.0, within(1e-15));
        assertThat(plan.rows()).containsExactly(1, 1, 0);
        assertThat(plan.cols()).containsExactly(1, 2, 0);
        assertThat(plan.mass()).containsExactly(0.25, 0.25, 0.5);
        double[][] dense = plan.denseplan();
        assertThat(dense[0][0]).isEqualTo(0.5);
        assertThat(dense[1][1]).isEqualTo(0.25);
    }

    @Test
    void zeroWeightsCarryNoMassAndMarginalsHold() {
        Random rnd = new Random(9);
        int n = 30;
        int m = 17;
        double[] x = new double[n];
        double[] a = new double[n];
        double[] y = new double[m];
        double[] b = new double[m];
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble();
            a[i] = i % 5 == 0 ? 0 : rnd.nextDouble();
            sa += a[i];
        }
        for (int j = 0; j < m; j++) {
            y[j] = rnd.nextGaussian();
            b[j] = j % 4 == 0 ? 0 : rnd.nextDouble();
            sb += b[j];
        }
        for (int i = 0; i < n; i++) {
            a[i] /= sa;
        }
        for (int j = 0; j < m; j++) {
            b[j] /= sb;
        }
        MonotonePlan plan = OneDimensionalOT.solve(x, a, y, b, Math::abs);
        assertThat(plan.nonZeros()).isLessThanOrEqualTo(n + m - 1);
        double[][] dense = plan.denseplan();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += dense[i][j];
            }
            assertThat(s).isCloseTo(a[i], within(1e-12));
        }
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += dense[i][j];
            }
            assertThat(s).isCloseTo(b[j], within(1e-12));
        }
        // Monotone: the support is a chain, increasing in both coordinates.
        int[] rows = plan.rows();
        int[] cols = plan.cols();
        for (int k = 1; k < rows.length; k++) {
            assertThat(x[rows[k]]).isGreaterThanOrEqualTo(x[rows[k - 1]]);
            assertThat(y[cols[k]]).isGreaterThanOrEqualTo(y[cols[k - 1]]);
        }
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> OneDimensionalOT.solve(new double[0], new double[] {1}, z -> z))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("source");
        assertThatThrownBy(() -> OneDimensionalOT.solve(new double[] {1, Double.NaN}, new double[] {1}, z -> z))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 2");
        assertThatThrownBy(() -> OneDimensionalOT.solveSquared(new double[] {1}, new double[] {0.5},
                new double[] {1}, new double[] {1}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("source weights");
    }
}
