package io.github.mongeot.experiments.dpot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.gaussian.BuresMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DpotProblemsTest {

    /** The spec asks to verify this before using the map: T maps the square onto itself, det DT > 0. */
    @Test
    void squareMapIsAConvexGradientOfTheSquareOntoItself() {
        int n = 201;
        double sumDensity = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] x = {-0.5 + i / (n - 1.0), -0.5 + j / (n - 1.0)};
                double[] t = DpotProblems.squareMap(x);
                assertThat(t[0]).isBetween(-0.5, 0.5);
                assertThat(t[1]).isBetween(-0.5, 0.5);
                if (Math.abs(x[0]) == 0.5) {
                    assertThat(t[0]).isCloseTo(x[0], within(1e-15)); // edges stay on their edge
                }
                double f = DpotProblems.squareDensity(x);
                assertThat(f).isPositive().isLessThan(DpotProblems.DENSITY_BOUND);
                // det DT by central differences equals the closed-form density
                double h = 1e-6;
                double[] xp = DpotProblems.squareMap(new double[] {x[0] + h, x[1]});
                double[] xm = DpotProblems.squareMap(new double[] {x[0] - h, x[1]});
                double[] yp = DpotProblems.squareMap(new double[] {x[0], x[1] + h});
                double[] ym = DpotProblems.squareMap(new double[] {x[0], x[1] - h});
                double det = (xp[0] - xm[0]) * (yp[1] - ym[1]) / (4 * h * h) - (xp[1] - xm[1]) * (yp[0] - ym[0]) / (4 * h * h);
                assertThat(det).isCloseTo(f, within(1e-6));
                if (i > 0 && j > 0) {
                    sumDensity += f;
                }
            }
        }
        // a bijection of the unit square: ∫ det DT = area = 1 (midpoint-ish Riemann sum)
        assertThat(sumDensity / ((n - 1.0) * (n - 1.0))).isCloseTo(1.0, within(1e-2));
    }

    @Test
    void ellipseMapPushesTheSourceCovarianceOntoTheTargets() {
        double[][] a = DpotProblems.ellipseTarget(0.5);
        BuresMap map = DpotProblems.ellipseMap(DpotProblems.ELLIPSE_SOURCE, new double[2], a, DpotProblems.ELLIPSE_TARGET_MEAN);
        double[][] pushed = map.apply(DpotProblems.ellipse(new Random(1), 200_000, DpotProblems.ELLIPSE_SOURCE, new double[2]));
        double[][] direct = DpotProblems.ellipse(new Random(2), 200_000, a, DpotProblems.ELLIPSE_TARGET_MEAN);
        double[] m1 = mean(pushed);
        double[] m2 = mean(direct);
        assertThat(m1[0]).isCloseTo(m2[0], within(5e-3));
        assertThat(cov(pushed, m1, 0, 1)).isCloseTo(cov(direct, m2, 0, 1), within(5e-3));
        assertThat(cov(pushed, m1, 1, 1)).isCloseTo(cov(direct, m2, 1, 1), within(5e-3));
        // and the pushed points lie in the target ellipse (an affine map of the disk onto it)
        double[][] inv = inverse(a);
        for (int i = 0; i < 2000; i++) {
            double u = pushed[i][0] - 0.5;
            double v = pushed[i][1] - 0.2;
            double p = inv[0][0] * u + inv[0][1] * v;
            double q = inv[1][0] * u + inv[1][1] * v;
            assertThat(p * p + q * q).isLessThan(1 + 1e-9);
        }
    }

    @Test
    void halfDiskMapClosesTheGap() {
        double[][] x = DpotProblems.halfDisks(new Random(3), 5000, 0.6);
        for (double[] p : x) {
            double[] t = DpotProblems.halfDiskMap(p, 0.6);
            assertThat(Math.abs(p[0])).isGreaterThanOrEqualTo(0.3);
            assertThat(t[0] * t[0] + t[1] * t[1]).isLessThanOrEqualTo(DpotProblems.HALF_DISK_RADIUS * DpotProblems.HALF_DISK_RADIUS + 1e-12);
        }
    }

    private static double[] mean(double[][] x) {
        double[] m = new double[2];
        for (double[] p : x) {
            m[0] += p[0] / x.length;
            m[1] += p[1] / x.length;
        }
        return m;
    }

    private static double cov(double[][] x, double[] m, int r, int c) {
        double s = 0;
        for (double[] p : x) {
            s += (p[r] - m[r]) * (p[c] - m[c]);
        }
        return s / x.length;
    }

    private static double[][] inverse(double[][] a) {
        double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        return new double[][] {{a[1][1] / det, -a[0][1] / det}, {-a[1][0] / det, a[0][0] / det}};
    }
}
