package io.github.mongeot.methods.dpot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.exact.NetworkSimplex;
import io.github.mongeot.methods.dpot.PlanSolver.Coupling;
import io.github.mongeot.nn.net.Network;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class DpotLossTest {

    @Test
    @SuppressWarnings("try")
    void lossMatchesAHandComputationWithAGeneralPlan() {
        double[][] pushed = {{0.5, 1.0}, {-1.0, 2.0}, {3.0, 0.0}};
        double[][] x = {{0.0, 1.0}, {-1.5, 2.5}, {2.0, 0.5}};
        double[][] y = {{1.0, 1.0}, {0.0, -1.0}};
        int[] rows = {0, 1, 2, 2};
        int[] cols = {0, 1, 0, 1};
        double[] mass = {0.3, 0.3, 0.1, 0.3};
        double lambda = 0.3;
        double transport = 0;
        for (int k = 0; k < rows.length; k++) {
            transport += mass[k] * PlanSolver.squaredDistance(pushed[rows[k]], y[cols[k]]);
        }
        double displacement = 0;
        for (int i = 0; i < 3; i++) {
            displacement += PlanSolver.squaredDistance(pushed[i], x[i]) / 3;
        }
        double expected = Math.sqrt(0.5 * transport) + lambda * Math.sqrt(0.5 * displacement);
        try (PointerScope scope = new PointerScope()) {
            Tensor loss = DpotLoss.loss(Tensors.fromRows(pushed, DType.FLOAT64), Tensors.fromRows(x, DType.FLOAT64),
                    Tensors.fromRows(y, DType.FLOAT64), longs(rows), longs(cols), Tensors.fromVector(mass, DType.FLOAT64),
                    Tensors.fromVector(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, DType.FLOAT64), lambda);
            assertThat(loss.item_double()).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    @SuppressWarnings("try")
    void gradientOfTheTransportTermMatchesFiniteDifferences() {
        double[][] p = {{0.2, -0.4}, {1.1, 0.3}};
        double[][] y = {{1.0, 0.0}, {0.0, 1.0}};
        int[] sigma = {1, 0};
        Coupling plan = Coupling.permutation(sigma);
        try (PointerScope scope = new PointerScope()) {
            Tensor pt = Tensors.fromRows(p, DType.FLOAT64).requires_grad_(true);
            Tensor loss = DpotLoss.transportTerm(pt, Tensors.fromRows(y, DType.FLOAT64), longs(plan.rows()), longs(plan.cols()),
                    Tensors.fromVector(plan.mass(), DType.FLOAT64));
            double[] grad = Tensors.toFlat(io.github.mongeot.core.engine.Ops.grad(loss, pt, false));
            double h = 1e-6;
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 2; k++) {
                    double[][] up = deepCopy(p);
                    double[][] down = deepCopy(p);
                    up[i][k] += h;
                    down[i][k] -= h;
                    double fd = (Math.sqrt(0.5 * plan.cost(up, y)) - Math.sqrt(0.5 * plan.cost(down, y))) / (2 * h);
                    assertThat(grad[i * 2 + k]).isCloseTo(fd, within(1e-7));
                }
            }
        }
    }

    @Test
    void gammaUpdateRecoversAPermutationAndWarmStartsAgree() {
        Random rnd = new Random(2);
        int n = 200;
        double[][] y = new double[n][2];
        for (double[] row : y) {
            row[0] = rnd.nextDouble();
            row[1] = rnd.nextDouble();
        }
        int[] sigma = shuffled(n, rnd);
        double[][] pushed = new double[n][];
        for (int i = 0; i < n; i++) {
            pushed[i] = new double[] {y[sigma[i]][0] + 1e-4 * rnd.nextGaussian(), y[sigma[i]][1] + 1e-4 * rnd.nextGaussian()};
        }
        for (GammaSolver kind : GammaSolver.values()) {
            PlanSolver solver = new PlanSolver(kind);
            Coupling first = solver.solve(pushed, y, false);
            assertThat(asPermutation(first, n)).as(kind.id()).containsExactly(sigma);
            Coupling again = solver.solve(pushed, y, true); // warm start on the same batch
            assertThat(asPermutation(again, n)).as(kind.id()).containsExactly(sigma);
        }
        PlanSolver auto = new PlanSolver(GammaSolver.AUTO);
        auto.solve(pushed, y, false);
        auto.solve(pushed, y, true);
        assertThat(auto.simplexSolves()).isEqualTo(1);
        assertThat(auto.assignmentSolves()).isEqualTo(1);
    }

    @Test
    void unequalBatchesGiveTheSimplexPlanWithUniformMarginals() {
        Random rnd = new Random(4);
        double[][] p = new double[7][1];
        double[][] y = new double[4][1];
        for (double[] r : p) {
            r[0] = rnd.nextGaussian();
        }
        for (double[] r : y) {
            r[0] = rnd.nextGaussian();
        }
        Coupling plan = new PlanSolver(GammaSolver.AUTO).solve(p, y, false);
        double[] a = new double[7];
        double[] b = new double[4];
        java.util.Arrays.fill(a, 1.0 / 7);
        java.util.Arrays.fill(b, 1.0 / 4);
        double exact = NetworkSimplex.transport(a, b, io.github.mongeot.core.exact.ExactOT.squaredDistances(p, y)).cost();
        assertThat(plan.cost(p, y)).isCloseTo(exact, within(1e-12));
        double[] rowSums = new double[7];
        for (int k = 0; k < plan.rows().length; k++) {
            rowSums[plan.rows()[k]] += plan.mass()[k];
        }
        for (double r : rowSums) {
            assertThat(r).isCloseTo(1.0 / 7, within(1e-12));
        }
    }

    @Test
    @SuppressWarnings("try")
    void conditionalBatchesKeepEachConditionWithItsOwnCloudsAndPlan() {
        List<DpotProblem.Pair> pairs = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            double[][] src = new double[30][2];
            double[][] tgt = new double[30][2];
            for (int i = 0; i < 30; i++) {
                src[i] = new double[] {c, i}; // the first coordinate names the pair
                tgt[i] = new double[] {c + 100, -i};
            }
            pairs.add(new DpotProblem.Pair(new double[] {c / 10.0}, PointCloud.of(src), PointCloud.of(tgt)));
        }
        DpotProblem problem = new DpotProblem(pairs);
        DpotOptions options = DpotOptions.defaults().withBatchSize(8).withConditions(3).withWidth(4).withDepth(1)
                .withDtype(DType.FLOAT64);
        Network net = options.network(2, 1).build(0);
        DpotEstimator.Batches batches = new DpotEstimator.Batches(problem, options);
        batches.advance(0, net, null);
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < batches.slotCount(); k++) {
            DpotEstimator.Slot slot = batches.slot(k);
            assertThat(seen.add(slot.pair)).isTrue(); // distinct conditions in a step
            assertThat(slot.condition).containsExactly(slot.pair / 10.0);
            assertThat(slot.x).hasNumberOfRows(8);
            assertThat(slot.y).hasNumberOfRows(8);
            for (int i = 0; i < 8; i++) {
                assertThat(slot.x[i][0]).isEqualTo(slot.pair);
                assertThat(slot.y[i][0]).isEqualTo(slot.pair + 100);
            }
            // its plan is the exact one between the pushed batch and its own target batch
            double[][] pushed = DpotModel.push(net, slot.x, slot.condition);
            double exact = new PlanSolver(GammaSolver.SIMPLEX).solve(pushed, slot.y, false).cost(pushed, slot.y);
            assertThat(slot.gammaT.cost(pushed, slot.y)).isCloseTo(exact, within(1e-9 * exact));
        }
        try (PointerScope scope = new PointerScope()) {
            DpotEstimator.Batches.Stacked s = batches.stacked(DType.FLOAT64);
            double[][] x = Tensors.toRows(s.x());
            double[][] c = Tensors.toRows(s.xCondition());
            double[] rows = Tensors.toFlat(s.rowsT());
            double[] cols = Tensors.toFlat(s.colsT());
            double[][] y = Tensors.toRows(s.y());
            assertThat(x).hasNumberOfRows(24);
            for (int i = 0; i < 24; i++) {
                assertThat(c[i][0]).isEqualTo(x[i][0] / 10.0);
            }
            for (int k = 0; k < rows.length; k++) { // plan entries never cross conditions
                assertThat(y[(int) cols[k]][0]).isEqualTo(x[(int) rows[k]][0] + 100);
            }
            assertThat(Tensors.toFlat(s.weightsT().sum())[0]).isCloseTo(1.0, within(1e-12));
            assertThat(Tensors.toFlat(s.xWeights().sum())[0]).isCloseTo(1.0, within(1e-12));
        }
        // plans are recomputed on schedule: step 10 renews the batches (n_batch = 10)
        int before = batches.slot(0).x.hashCode();
        batches.advance(5, net, null);
        assertThat(batches.slot(0).x.hashCode()).isEqualTo(before);
        batches.advance(10, net, null);
        assertThat(batches.slot(0).x.hashCode()).isNotEqualTo(before);
    }

    private static Tensor longs(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return Tensors.fromVector(d, DType.FLOAT64).to(org.bytedeco.pytorch.global.torch.ScalarType.Long);
    }

    private static int[] asPermutation(Coupling plan, int n) {
        int[] sigma = new int[n];
        for (int k = 0; k < plan.rows().length; k++) {
            assertThat(plan.mass()[k]).isCloseTo(1.0 / n, within(1e-12));
            sigma[plan.rows()[k]] = plan.cols()[k];
        }
        return sigma;
    }

    private static int[] shuffled(int n, Random rnd) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = rnd.nextInt(i + 1);
            int t = s[i];
            s[i] = s[k];
            s[k] = t;
        }
        return s;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
