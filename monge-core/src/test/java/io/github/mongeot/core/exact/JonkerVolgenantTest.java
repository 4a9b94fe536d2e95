package io.github.mongeot.core.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JonkerVolgenantTest {

    @Test
    void costEqualsNetworkSimplexOnRandomDenseProblems() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + rnd.nextInt(trial < 20 ? 12 : 200);
            double[] c = new double[n * n];
            boolean ties = trial % 3 == 0; // small integer costs: many optimal permutations
            for (int k = 0; k < c.length; k++) {
                c[k] = ties ? rnd.nextInt(4) : rnd.nextDouble();
            }
            JonkerVolgenant.Result r = JonkerVolgenant.solve(c, n);
            assertPermutation(r.rowToCol(), n);
            double simplex = NetworkSimplex.transport(OptimalityChecks.uniform(n), OptimalityChecks.uniform(n), c).cost() * n;
            assertThat(r.cost()).isCloseTo(simplex, within(1e-9 * Math.max(1, simplex)));
            assertDualCertificate(c, n, r);
        }
    }

    @Test
    void squaredDistanceCostsMatchNetworkSimplexAndWarmStartsAgree() {
        Random rnd = new Random(5);
        int n = 300;
        double[][] x = new double[n][2];
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {rnd.nextGaussian(), rnd.nextGaussian()};
            y[i] = new double[] {rnd.nextDouble(), 2 * rnd.nextDouble()};
        }
        double[] c = ExactOT.squaredDistances(x, y);
        JonkerVolgenant.Result cold = JonkerVolgenant.solve(c, n);
        double simplex = NetworkSimplex.transport(OptimalityChecks.uniform(n), OptimalityChecks.uniform(n), c).cost() * n;
        assertThat(cold.cost()).isCloseTo(simplex, within(1e-9 * simplex));
        // move the source a little (as a few Adam steps do) and warm-start from the old prices
        for (double[] p : x) {
            p[0] += 0.01 * rnd.nextGaussian();
            p[1] += 0.01 * rnd.nextGaussian();
        }
        double[] moved = ExactOT.squaredDistances(x, y);
        JonkerVolgenant.Result warm = JonkerVolgenant.solve(moved, n, cold.prices());
        JonkerVolgenant.Result fresh = JonkerVolgenant.solve(moved, n);
        assertPermutation(warm.rowToCol(), n);
        assertThat(warm.cost()).isCloseTo(fresh.cost(), within(1e-9 * fresh.cost()));
        assertDualCertificate(moved, n, warm);
    }

    @Test
    void recoversAPermutationOfTheSameCloud() {
        Random rnd = new Random(3);
        int n = 500;
        int[] sigma = new int[n];
        for (int i = 0; i < n; i++) {
            sigma[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = rnd.nextInt(i + 1);
            int t = sigma[i];
            sigma[i] = sigma[k];
            sigma[k] = t;
        }
        double[][] x = new double[n][3];
        double[][] y = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                x[i][k] = rnd.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            y[sigma[i]] = x[i].clone();
        }
        JonkerVolgenant.Result r = JonkerVolgenant.solve(ExactOT.squaredDistances(x, y), n);
        assertThat(r.rowToCol()).containsExactly(sigma);
        assertThat(r.cost()).isEqualTo(0.0);
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> JonkerVolgenant.solve(new double[3], 2)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("3 entries, expected 2 x 2");
        assertThatThrownBy(() -> JonkerVolgenant.solve(new double[] {0, Double.NaN, 1, 1}, 2))
                .hasMessageContaining("entry (1, 2) is NaN");
        assertThatThrownBy(() -> JonkerVolgenant.solve(new double[4], 2, new double[3])).hasMessageContaining("prices");
    }

    private static void assertPermutation(int[] sigma, int n) {
        boolean[] seen = new boolean[n];
        for (int j : sigma) {
            assertThat(seen[j]).isFalse();
            seen[j] = true;
        }
    }

    /** u_i = C_iσ(i) − v_σ(i) must satisfy u_i + v_j ≤ C_ij for all (i, j): an optimality certificate. */
    private static void assertDualCertificate(double[] c, int n, JonkerVolgenant.Result r) {
        double[] v = r.prices();
        for (int i = 0; i < n; i++) {
            double u = c[i * n + r.rowToCol()[i]] - v[r.rowToCol()[i]];
            for (int j = 0; j < n; j++) {
                assertThat(c[i * n + j] - v[j] - u).isGreaterThan(-1e-9);
            }
        }
    }
}
