package io.github.mongeot.core.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.onedim.MonotonePlan;
import io.github.mongeot.core.onedim.OneDimensionalOT;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NetworkSimplexTest {

    @Test
    void uniformSquareProblemsGiveThePermutationOfTheBruteForceAssignment() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + trial % 6;
            double[] c = new double[n * n];
            for (int k = 0; k < c.length; k++) {
                c[k] = rnd.nextDouble();
            }
            double[] a = OptimalityChecks.uniform(n);
            ExactResult r = NetworkSimplex.transport(a, a, c);
            int[] best = bruteForceAssignment(c, n);
            double bestCost = 0;
            for (int i = 0; i < n; i++) {
                bestCost += c[i * n + best[i]] / n;
            }
            assertThat(r.cost()).isCloseTo(bestCost, within(1e-12));
            // Random continuous costs: the optimum is unique, so the plan is that permutation / n.
            double[][] plan = r.denseplan();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertThat(plan[i][j]).isCloseTo(j == best[i] ? 1.0 / n : 0.0, within(1e-15));
                }
            }
            OptimalityChecks.assertOptimal(r, a, a, c);
        }
    }

    @Test
    void agreesWithTheMonotoneCouplingInOneDimension() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 10; trial++) {
            int n = 5 + rnd.nextInt(40);
            int m = 5 + rnd.nextInt(40);
            double[] x = new double[n];
            double[] y = new double[m];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextGaussian();
            }
            for (int j = 0; j < m; j++) {
                y[j] = 2 * rnd.nextDouble();
            }
            double[] a = randomWeights(rnd, n);
            double[] b = randomWeights(rnd, m);
            double p = trial % 2 == 0 ? 2.0 : 1.5; // |z|^p is convex for p >= 1
            double[] c = new double[n * m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    c[i * m + j] = Math.pow(Math.abs(x[i] - y[j]), p);
                }
            }
            ExactResult r = NetworkSimplex.transport(a, b, c);
            MonotonePlan mono = OneDimensionalOT.solve(x, a, y, b, z -> Math.pow(Math.abs(z), p));
            assertThat(r.cost()).isCloseTo(mono.cost(), within(1e-12 * Math.max(1, mono.cost())));
            OptimalityChecks.assertOptimal(r, a, b, c);
        }
    }

    @Test
    void zeroWeightsAndSinglePointsAreHandled() {
        double[] a = {0.5, 0.0, 0.5};
        double[] b = {0.0, 1.0};
        double[] c = {1, 2, 3, 4, 5, 6};
        ExactResult r = NetworkSimplex.transport(a, b, c);
        // All mass goes to column 1: cost 0.5 * 2 + 0.5 * 6.
        assertThat(r.cost()).isCloseTo(4.0, within(1e-15));
        assertThat(r.rows()).containsExactly(0, 2);
        assertThat(r.cols()).containsExactly(1, 1);
        OptimalityChecks.assertOptimal(r, a, b, c);

        ExactResult single = NetworkSimplex.transport(new double[] {1}, new double[] {1}, new double[] {3.5});
        assertThat(single.cost()).isEqualTo(3.5);
        assertThat(single.u()[0] + single.v()[0]).isCloseTo(3.5, within(1e-15));
        assertThat(single.converged()).isTrue();
    }

    @Test
    void negativeAndConstantCostsAreFine() {
        Random rnd = new Random(3);
        int n = 12;
        int m = 9;
        double[] c = new double[n * m];
        for (int k = 0; k < c.length; k++) {
            c[k] = rnd.nextGaussian() * 100 - 50;
        }
        double[] a = randomWeights(rnd, n);
        double[] b = randomWeights(rnd, m);
        OptimalityChecks.assertOptimal(NetworkSimplex.transport(a, b, c), a, b, c);
        double[] flat = new double[n * m];
        java.util.Arrays.fill(flat, 2.5);
        ExactResult r = NetworkSimplex.transport(a, b, flat);
        assertThat(r.cost()).isCloseTo(2.5, within(1e-14));
        OptimalityChecks.assertOptimal(r, a, b, flat);
    }

    @Test
    void rowsOverloadAgreesWithTheFlatOne() {
        double[][] c = {{4, 1, 3}, {2, 0, 5}};
        double[] a = {0.4, 0.6};
        double[] b = {0.2, 0.5, 0.3};
        ExactResult r = NetworkSimplex.transport(a, b, c);
        ExactResult flat = NetworkSimplex.transport(a, b, new double[] {4, 1, 3, 2, 0, 5});
        assertThat(r.cost()).isEqualTo(flat.cost());
        // By hand: row 1 sends 0.2 to column 0 and 0.4 to column 1; row 0 sends 0.1 and 0.3.
        assertThat(r.cost()).isCloseTo(0.1 * 1 + 0.3 * 3 + 0.2 * 2 + 0.4 * 0, within(1e-15));
    }

    @Test
    void pivotCapIsReportedNotHidden() {
        Random rnd = new Random(5);
        int n = 30;
        double[] c = new double[n * n];
        for (int k = 0; k < c.length; k++) {
            c[k] = rnd.nextDouble();
        }
        double[] a = OptimalityChecks.uniform(n);
        ExactResult r = NetworkSimplex.create().maxIterations(5).solve(a, a, c);
        assertThat(r.converged()).isFalse();
        assertThat(r.status()).isEqualTo(ExactStatus.MAX_ITERATIONS);
        assertThat(r.iterations()).isEqualTo(5);
        assertThat(NetworkSimplex.create().solve(a, a, c).converged()).isTrue();
    }

    @Test
    void badInputIsRejectedWithTheInputNamed() {
        double[] a = {0.5, 0.5};
        assertThatThrownBy(() -> NetworkSimplex.transport(a, a, new double[3]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cost matrix");
        assertThatThrownBy(() -> NetworkSimplex.transport(a, new double[] {0.7, 0.7}, new double[4]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("target weights");
        assertThatThrownBy(() -> NetworkSimplex.transport(new double[] {1.5, -0.5}, a, new double[4]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("source weights");
        assertThatThrownBy(() -> NetworkSimplex.transport(a, a, new double[] {0, 1, Double.NaN, 0}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("(2, 1)");
        assertThatThrownBy(() -> NetworkSimplex.transport(new double[0], a, new double[0]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("source");
        assertThatThrownBy(() -> NetworkSimplex.create().maxIterations(0))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void pointCloudEntryPointBuildsTheCostAndValidatesDimensions() {
        double[][] x = {{0, 0}, {1, 0}, {0, 2}};
        double[][] y = {{0, 2.5}, {1.5, 0}, {0, 0.5}};
        ExactResult r = ExactOT.solve(PointCloud.of("source", x), PointCloud.of("target", y), SquaredEuclidean.full());
        double[] c = OptimalityChecks.sqeuclidean(x, y);
        double[] a = OptimalityChecks.uniform(3);
        int[] best = bruteForceAssignment(c, 3);
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            expected += c[i * 3 + best[i]] / 3;
        }
        assertThat(r.cost()).isCloseTo(expected, within(1e-12));
        OptimalityChecks.assertOptimal(r, a, a, c);
        assertThatThrownBy(() -> ExactOT.solve(PointCloud.of("source", x),
                PointCloud.of("target", new double[][] {{1, 2, 3}}), SquaredEuclidean.full()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("dimension mismatch");
    }

    static double[] randomWeights(Random rnd, int n) {
        double[] w = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            w[i] = rnd.nextDouble() + 0.01;
            s += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= s;
        }
        return w;
    }

    /** Minimum-cost permutation by enumerating all n! of them (n ≤ 8). */
    static int[] bruteForceAssignment(double[] c, int n) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        int[] best = perm.clone();
        double[] bestCost = {Double.POSITIVE_INFINITY};
        permute(perm, 0, c, n, best, bestCost);
        return best;
    }

    private static void permute(int[] perm, int k, double[] c, int n, int[] best, double[] bestCost) {
        if (k == n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += c[i * n + perm[i]];
            }
            if (s < bestCost[0]) {
                bestCost[0] = s;
                System.arraycopy(perm, 0, best, 0, n);
            }
            return;
        }
        for (int i = k; i < n; i++) {
            int t = perm[k];
            perm[k] = perm[i];
            perm[i] = t;
            permute(perm, k + 1, c, n, best, bestCost);
            perm[i] = perm[k];
            perm[k] = t;
        }
    }
}
