package io.github.mongeot.core.exact;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random small problems: the result always carries its own optimality certificate. */
class NetworkSimplexPropertiesTest {

    @Property(tries = 200)
    void marginalsHoldAndTheDualityGapIsZero(@ForAll @IntRange(min = 1, max = 25) int n,
            @ForAll @IntRange(min = 1, max = 25) int m, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 3) int costKind) {
        Random rnd = new Random(seed);
        double[] a = weights(rnd, n);
        double[] b = weights(rnd, m);
        double[] c = new double[n * m];
        for (int k = 0; k < c.length; k++) {
            switch (costKind) {
                case 0 -> c[k] = rnd.nextDouble();
                case 1 -> c[k] = rnd.nextInt(3); // heavy ties: degenerate pivots
                case 2 -> c[k] = 1e4 * rnd.nextGaussian();
                default -> c[k] = 1e-6 * rnd.nextDouble();
            }
        }
        OptimalityChecks.assertOptimal(NetworkSimplex.transport(a, b, c), a, b, c);
    }

    /** Positive weights, sometimes uniform, sometimes with exact zeros. */
    private static double[] weights(Random rnd, int n) {
        double[] w = new double[n];
        int kind = rnd.nextInt(3);
        double s = 0;
        for (int i = 0; i < n; i++) {
            w[i] = kind == 0 ? 1 : rnd.nextDouble();
            if (kind == 2 && rnd.nextInt(4) == 0 && i > 0) {
                w[i] = 0;
            }
            s += w[i];
        }
        if (s == 0) {
            w[0] = 1;
            s = 1;
        }
        for (int i = 0; i < n; i++) {
            w[i] /= s;
        }
        return w;
    }
}
