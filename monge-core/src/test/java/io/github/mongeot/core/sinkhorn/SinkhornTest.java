package io.github.mongeot.core.sinkhorn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SinkhornTest {
    static PointCloud cloud(String name, int n, long seed, double shift) {
        Random rng = new Random(seed);
        double[][] x = new double[n][2];
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextGaussian() + shift;
            x[i][1] = 0.5 * rng.nextGaussian() - shift;
            w[i] = 0.5 + rng.nextDouble();
            total += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= total;
        }
        return PointCloud.weighted(name, x, w);
    }

    static final PointCloud SOURCE = cloud("source", 120, 1, 0.0);
    static final PointCloud TARGET = cloud("target", 90, 2, 1.0);

    static SinkhornResult solve(SinkhornOptions o) {
        return Sinkhorn.solve(SOURCE, TARGET, SquaredEuclidean.full(), o);
    }

    static void assertSamePlan(SinkhornResult r, SinkhornResult s, double tol) {
        double[][] p = r.plan();
        double[][] q = s.plan();
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                assertThat(p[i][j]).isCloseTo(q[i][j], within(tol));
            }
        }
    }

    @Test
    void scalingAndLogDomainAgree() {
        SinkhornOptions o = SinkhornOptions.defaults().withEpsilonRel(0.01).withThreshold(1e-11)
                .withMaxIterations(20_000);
        SinkhornResult log = solve(o.withMode(SinkhornMode.LOG));
        SinkhornResult scaling = solve(o.withMode(SinkhornMode.SCALING));
        assertThat(log.converged()).isTrue();
        assertThat(scaling.converged()).isTrue();
        assertThat(scaling.mode()).isEqualTo(SinkhornMode.SCALING);
        assertThat(scaling.logIterations()).isZero();
        assertThat(scaling.regularizedCost()).isCloseTo(log.regularizedCost(), within(1e-9));
        assertThat(scaling.cost()).isCloseTo(log.cost(), within(1e-9));
        assertSamePlan(scaling, log, 1e-11);
        // Same gauge (both start at f = g = 0 and end after a g-update)? Compare gauge-free differences.
        double[] fl = log.f();
        double[] fs = scaling.f();
        for (int i = 1; i < fl.length; i++) {
            assertThat(fs[i] - fs[0]).isCloseTo(fl[i] - fl[0], within(1e-8));
        }
    }

    @Test
    void autoConvergesAtSmallEpsilonWhereThePlainKernelUnderflowsAndMatchesLog() {
        SinkhornOptions o = SinkhornOptions.defaults().withEpsilonRel(0.001).withThreshold(1e-9)
                .withMaxIterations(50_000);
        SinkhornResult auto = solve(o);
        SinkhornResult log = solve(o.withMode(SinkhornMode.LOG));
        assertThat(auto.converged()).isTrue();
        assertThat(auto.marginalError()).isLessThan(1e-9);
        assertThat(log.converged()).isTrue();
        assertThat(auto.regularizedCost()).isCloseTo(log.regularizedCost(), within(1e-7));
        assertSamePlan(auto, log, 1e-8);
        // The plain kernel exp(-C/eps) spans more than e^600 here: the stabilisation had to work.
        assertThat(maxOverMinCostRatio()).isGreaterThan(600.0);
        assertThat(auto.absorptions() + auto.logIterations()).isPositive();
    }

    private static double maxOverMinCostRatio() {
        double[][] c = SquaredEuclidean.full().matrix(SOURCE.points(), TARGET.points());
        double mean = 0;
        double worstRowMin = 0;
        for (double[] row : c) {
            double min = Double.MAX_VALUE;
            for (double v : row) {
                mean += v;
                min = Math.min(min, v);
            }
            worstRowMin = Math.max(worstRowMin, min);
        }
        mean /= c.length * c[0].length;
        return worstRowMin / (0.001 * mean);
    }

    @Test
    void epsilonScalingGivesTheSameAnswer() {
        SinkhornOptions o = SinkhornOptions.defaults().withEpsilonRel(0.005).withThreshold(1e-10)
                .withMaxIterations(50_000);
        for (SinkhornMode mode : List.of(SinkhornMode.LOG, SinkhornMode.AUTO)) {
            SinkhornResult plain = solve(o.withMode(mode));
            SinkhornResult scaled = solve(o.withMode(mode).withEpsilonScaling(64, 0.5));
            assertThat(scaled.converged()).isTrue();
            assertThat(scaled.epsilon()).isEqualTo(plain.epsilon());
            assertThat(scaled.regularizedCost()).isCloseTo(plain.regularizedCost(), within(1e-8));
            assertSamePlan(scaled, plain, 1e-9);
        }
    }

    @Test
    void warmStartGivesTheSameAnswerInFewerIterations() {
        SinkhornOptions o = SinkhornOptions.defaults().withEpsilonRel(0.01).withThreshold(1e-9);
        for (SinkhornMode mode : List.of(SinkhornMode.LOG, SinkhornMode.AUTO)) {
            SinkhornResult cold = solve(o.withMode(mode));
            // Warm start from a slightly different problem's potentials (a looser solve).
            SinkhornResult rough = solve(o.withMode(mode).withThreshold(1e-3));
            SinkhornResult warm = solve(o.withMode(mode).withWarmStart(rough.f(), rough.g()));
            assertThat(warm.converged()).isTrue();
            assertThat(warm.iterations()).isLessThan(cold.iterations());
            assertThat(warm.regularizedCost()).isCloseTo(cold.regularizedCost(), within(1e-8));
            SinkhornResult hot = solve(o.withMode(mode).withWarmStart(cold.f(), cold.g()));
            assertThat(hot.iterations()).isLessThanOrEqualTo(o.checkEvery());
            assertSamePlan(hot, cold, 1e-10);
        }
    }

    @Test
    void reportsNonConvergenceWithTheError() {
        SinkhornOptions o = SinkhornOptions.defaults().withEpsilonRel(0.001).withMaxIterations(15);
        for (SinkhornMode mode : SinkhornMode.values()) {
            if (mode == SinkhornMode.SCALING) {
                continue;
            }
            SinkhornResult r = solve(o.withMode(mode));
            assertThat(r.converged()).as(mode.name()).isFalse();
            assertThat(r.iterations()).isEqualTo(15);
            assertThat(r.marginalError()).isGreaterThan(o.threshold());
            assertThat(r.marginalError()).isFinite();
        }
    }

    @Test
    void valuesAreConsistent() {
        SinkhornResult r = solve(SinkhornOptions.defaults().withEpsilonRel(0.05).withThreshold(1e-12)
                .withMaxIterations(10_000));
        double[][] p = r.plan();
        double[][] c = SquaredEuclidean.full().matrix(SOURCE.points(), TARGET.points());
        double[] a = SOURCE.weights();
        double[] b = TARGET.weights();
        double linear = 0;
        double kl = 0;
        for (int i = 0; i < p.length; i++) {
            double row = 0;
            for (int j = 0; j < p[i].length; j++) {
                linear += p[i][j] * c[i][j];
                kl += p[i][j] * Math.log(p[i][j] / (a[i] * b[j]));
                row += p[i][j];
            }
            assertThat(row).isCloseTo(a[i], within(1e-12));
        }
        for (int j = 0; j < b.length; j++) {
            double col = 0;
            for (double[] row : p) {
                col += row[j];
            }
            assertThat(col).isCloseTo(b[j], within(1e-14));
        }
        assertThat(r.cost()).isCloseTo(linear, within(1e-10));
        assertThat(r.regularizedCost()).isCloseTo(linear + r.epsilon() * kl, within(1e-10));
        assertThat(r.dualValue()).isCloseTo(r.regularizedCost(), within(1e-10));
        assertThat(r.regularizedCost()).isGreaterThan(r.cost());
    }

    @Test
    void absoluteEpsilonAndFloat32() {
        SinkhornResult abs = solve(SinkhornOptions.defaults().withEpsilon(0.3));
        assertThat(abs.epsilon()).isEqualTo(0.3);
        assertThat(abs.converged()).isTrue();
        SinkhornResult single = solve(SinkhornOptions.defaults().withEpsilon(0.3).withDType(DType.FLOAT32)
                .withThreshold(1e-4));
        assertThat(single.converged()).isTrue();
        assertThat(single.regularizedCost()).isCloseTo(abs.regularizedCost(), within(1e-3));
    }

    @Test
    void matchesOttOnThePeerBenchmarkCloud() throws Exception {
        Path dir = Path.of("../bench/data");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "bench/data not found");
        PointCloud s = PointCloud.of("source", firstRows(dir.resolve("source_4000x2.csv"), 1000));
        PointCloud t = PointCloud.of("target", firstRows(dir.resolve("target_4000x2.csv"), 1000));
        SinkhornResult r = Sinkhorn.solve(s, t, SquaredEuclidean.full(), SinkhornOptions.defaults().withEpsilonRel(0.01));
        assertThat(r.converged()).isTrue();
        // OTT-JAX 0.6 reg_ot_cost on the same points (../peers/results/summary.md), threshold 1e-6.
        assertThat(r.regularizedCost()).isCloseTo(11.5273676, within(2e-6));
    }

    static double[][] firstRows(Path file, int n) throws Exception {
        List<String> lines = Files.readAllLines(file);
        int start = Character.isDigit(lines.get(0).trim().charAt(0)) || lines.get(0).trim().charAt(0) == '-' ? 0 : 1;
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            String[] parts = lines.get(start + i).split(",");
            rows[i] = new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
        }
        return rows;
    }

    @Test
    void rejectsBadInput() {
        SinkhornOptions o = SinkhornOptions.defaults();
        assertThatThrownBy(() -> o.withEpsilon(0)).isInstanceOf(InvalidInputException.class).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> o.withEpsilonRel(-1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> o.withMaxIterations(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> o.withEpsilonScaling(10, 1.5)).isInstanceOf(InvalidInputException.class);
        double[][] c = {{0, 1}, {1, 0}};
        assertThatThrownBy(() -> Sinkhorn.solve(c, new double[] {0.5, 0.6}, new double[] {0.5, 0.5}, o))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("source weights");
        assertThatThrownBy(() -> Sinkhorn.solve(c, new double[] {0.5, 0.5}, new double[] {1.0}, o))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("target weights");
        assertThatThrownBy(() -> Sinkhorn.solve(new double[][] {{0, Double.NaN}, {1, 0}}, new double[] {0.5, 0.5},
                new double[] {0.5, 0.5}, o)).isInstanceOf(InvalidInputException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Sinkhorn.solve(c, new double[] {0.5, 0.5}, new double[] {0.5, 0.5},
                o.withWarmStart(new double[] {0}, new double[] {0, 0}))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("warm start");
    }

    @Test
    void zeroWeightsAreAllowed() {
        double[][] c = {{0, 1, 4}, {1, 0, 1}, {4, 1, 0}};
        SinkhornResult r = Sinkhorn.solve(c, new double[] {0.5, 0.5, 0}, new double[] {0, 0.5, 0.5},
                SinkhornOptions.defaults().withEpsilon(1.0).withThreshold(1e-12).withMaxIterations(10_000));
        assertThat(r.converged()).isTrue();
        double[][] p = r.plan();
        assertThat(p[2][0] + p[2][1] + p[2][2]).isCloseTo(0.0, within(1e-15));
        assertThat(p[0][0] + p[1][0] + p[2][0]).isCloseTo(0.0, within(1e-15));
        assertThat(p[0][1]).isGreaterThan(p[0][2]);
    }
}
