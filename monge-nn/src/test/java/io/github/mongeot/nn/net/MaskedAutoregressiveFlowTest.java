package io.github.mongeot.nn.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class MaskedAutoregressiveFlowTest {

    private static MaskedAutoregressiveFlow randomFlow(int d, long seed) {
        MaskedAutoregressiveFlow flow = MafConfig.of(d, 3, List.of(16, 16)).build(seed);
        NetTesting.perturb(flow, new Random(seed), 0.3);
        return flow;
    }

    @Test
    void inverseUndoesForwardAndBack() {
        for (int d : new int[] {1, 2, 4}) {
            MaskedAutoregressiveFlow flow = randomFlow(d, d);
            double[][] x = NetTesting.randomRows(new Random(d), 20, d, 1.0);
            try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
                Tensor xs = Tensors.fromRows(x, DType.FLOAT64);
                FlowOutput fwd = flow.forwardWithLogDet(xs);
                FlowOutput back = flow.inverseWithLogDet(fwd.value());
                double[][] roundTrip = Tensors.toRows(back.value());
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < d; j++) {
                        assertThat(roundTrip[i][j]).isCloseTo(x[i][j], within(1e-10));
                    }
                }
                // log-det of the inverse is minus the forward one at the matching point
                double[] a = Tensors.toFlat(fwd.logDet());
                double[] b = Tensors.toFlat(back.logDet());
                for (int i = 0; i < x.length; i++) {
                    assertThat(a[i] + b[i]).isCloseTo(0.0, within(1e-10));
                }
                double[][] u = Tensors.toRows(flow.forward(flow.inverse(xs)));
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < d; j++) {
                        assertThat(u[i][j]).isCloseTo(x[i][j], within(1e-10));
                    }
                }
            }
        }
    }

    @Test
    void logDetEqualsLogAbsDetOfTheAutodiffJacobian() {
        for (int d : new int[] {1, 2, 3, 5}) {
            MaskedAutoregressiveFlow flow = randomFlow(d, 10 + d);
            double[][] x = NetTesting.randomRows(new Random(20 + d), 6, d, 1.0);
            double[][][] jac = NetTesting.autodiffJacobians(flow::forward, x, DType.FLOAT64);
            double[] logDet;
            try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
                logDet = Tensors.toFlat(flow.forwardWithLogDet(Tensors.fromRows(x, DType.FLOAT64)).logDet());
            }
            for (int i = 0; i < x.length; i++) {
                assertThat(logDet[i]).as("d=%d point %d", d, i).isCloseTo(NetTesting.logAbsDet(jac[i]), within(1e-9));
            }
        }
    }

    @Test
    void freshFlowWithEvenLayersIsTheIdentity() {
        MaskedAutoregressiveFlow flow = MafConfig.of(3).build(1);
        double[][] x = NetTesting.randomRows(new Random(1), 5, 3, 1.0);
        assertThat(flow.apply(x)).isDeepEqualTo(x);
    }

    @Test
    void float32FlowKeepsItsDtype() {
        MaskedAutoregressiveFlow flow = MafConfig.of(2, 2, List.of(8)).withDtype(DType.FLOAT32).build(3);
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            FlowOutput out = flow.forwardWithLogDet(Tensors.fromRows(new double[][] {{1, 2}, {3, 4}}, DType.FLOAT32));
            assertThat(out.value().scalar_type().intern()).isEqualTo(DType.FLOAT32.scalarType());
            assertThat(Network.shapeOf(out.logDet())).containsExactly(2);
        }
    }
}
