package io.github.mongeot.methods.costlearning;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.sinkhorn.Sinkhorn;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.core.sinkhorn.SinkhornResult;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;

/** Newton on the entropic dual: at an ε where 300 Sinkhorn sweeps are far from converged it reaches the marginals. */
class DualNewtonTest {
    @Test
    void reachesTheMarginalsWhereSinkhornSweepsCrawl() {
        Random rng = new Random(3);
        int n = 30;
        int m = 24;
        double[][] c = new double[n][m];
        double[][] x = new double[n][2];
        double[][] y = new double[m][2];
        for (double[] p : x) {
            p[0] = rng.nextGaussian();
            p[1] = 0.3 * rng.nextGaussian();
        }
        for (double[] p : y) {
            p[0] = 2 + 0.5 * rng.nextGaussian();
            p[1] = rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                c[i][j] = Math.pow(x[i][0] - y[j][0], 2) + Math.pow(x[i][1] - y[j][1], 2);
            }
        }
        double[] a = new double[n];
        double[] b = new double[m];
        Arrays.fill(a, 1.0 / n);
        for (int j = 0; j < m; j++) {
            b[j] = (1 + j % 3) / (2.0 * m);
        }
        double sum = Arrays.stream(b).sum();
        for (int j = 0; j < m; j++) {
            b[j] /= sum;
        }
        SinkhornOptions options = SinkhornOptions.defaults().withEpsilon(0.01).withThreshold(1e-10).withMaxIterations(100_000);
        try (PointerScope scope = new PointerScope()) {
            SinkhornResult sweeps = Sinkhorn.solve(c, a, b, options.withMaxIterations(DualNewton.SINKHORN_SWEEPS));
            assertThat(sweeps.converged()).as("the sweeps alone do not get there").isFalse();
            double[][] fg = DualNewton.solve(Tensors.fromRows(c, DType.FLOAT64), a, b, options);
            double[] rows = new double[n];
            double[] cols = new double[m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double p = a[i] * b[j] * Math.exp((fg[0][i] + fg[1][j] - c[i][j]) / 0.01);
                    rows[i] += p;
                    cols[j] += p;
                }
            }
            double rowError = 0;
            for (int i = 0; i < n; i++) {
                rowError += Math.abs(rows[i] - a[i]);
            }
            double colError = 0;
            for (int j = 0; j < m; j++) {
                colError += Math.abs(cols[j] - b[j]);
            }
            assertThat(rowError).isLessThan(1e-10);
            assertThat(colError).isLessThan(1e-12);
        }
    }
}
