package io.github.mongeot.nn.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class MGradNetTest {
    private static final int D = 3;

    static List<Network> networks(long seed) {
        List<Network> nets = new ArrayList<>();
        for (Activation a : List.of(Activation.TANH, Activation.SIGMOID, Activation.SOFTPLUS, Activation.CELU, Activation.LEAKY_RELU)) {
            nets.add(MGradNetCConfig.of(D, 6, 3, a).build(seed++));
        }
        nets.add(MGradNetCConfig.of(D, 5, 1, Activation.TANH).build(seed++));
        for (MGradNetMConfig.ModuleActivation kind : MGradNetMConfig.ModuleActivation.values()) {
            nets.add(MGradNetMConfig.of(D, 3, 5, kind).build(seed++));
        }
        return nets;
    }

    private static double[][][] closedForm(Network net, double[][] x) {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor j = ((JacobianNetwork) net).jacobian(Tensors.fromRows(x, net.dtype()));
            double[] flat = Tensors.toFlat(j);
            double[][][] out = new double[x.length][D][D];
            for (int i = 0; i < x.length; i++) {
                for (int a = 0; a < D; a++) {
                    System.arraycopy(flat, (i * D + a) * D, out[i][a], 0, D);
                }
            }
            return out;
        }
    }

    @Test
    void closedFormJacobianEqualsAutodiff() {
        Random random = new Random(11);
        for (Network net : networks(100)) {
            NetTesting.perturb(net, random, 1.0);
            double[][] x = NetTesting.randomRows(random, 6, D, 1.5);
            double[][][] exact = closedForm(net, x);
            double[][][] auto = NetTesting.autodiffJacobians(net::forward, x, DType.FLOAT64);
            for (int i = 0; i < x.length; i++) {
                for (int a = 0; a < D; a++) {
                    for (int b = 0; b < D; b++) {
                        assertThat(exact[i][a][b]).as("%s J[%d][%d]", net.config(), a, b)
                                .isCloseTo(auto[i][a][b], org.assertj.core.data.Offset.offset(1e-10 * (1 + Math.abs(auto[i][a][b]))));
                    }
                }
            }
        }
    }

    @Test
    void jacobianIsSymmetricPositiveSemidefiniteForRandomParameters() {
        Random random = new Random(12);
        for (int trial = 0; trial < 3; trial++) {
            for (Network net : networks(200 + 10 * trial)) {
                NetTesting.perturb(net, random, 2.0);
                double[][] x = NetTesting.randomRows(random, 20, D, 2.0);
                for (double[][] j : closedForm(net, x)) {
                    double scale = 1;
                    for (int a = 0; a < D; a++) {
                        for (int b = 0; b < D; b++) {
                            scale = Math.max(scale, Math.abs(j[a][b]));
                            assertThat(Math.abs(j[a][b] - j[b][a])).isLessThanOrEqualTo(1e-10 * scale);
                        }
                    }
                    assertThat(NetTesting.minEigenvalue(j)).as("%s", net.config()).isGreaterThanOrEqualTo(-1e-10 * scale);
                }
            }
        }
    }

    @Test
    void modularNetIsTheGradientOfItsPotential() {
        Random random = new Random(13);
        for (MGradNetMConfig.ModuleActivation kind : MGradNetMConfig.ModuleActivation.values()) {
            MGradNetM net = MGradNetMConfig.of(D, 4, 6, kind).build(7);
            NetTesting.perturb(net, random, 1.0);
            double[][] x = NetTesting.randomRows(random, 8, D, 2.0);
            try (PointerScope scope = new PointerScope()) {
                Tensor input = Tensors.fromRows(x, DType.FLOAT64).set_requires_grad(true);
                double[][] grad = Tensors.toRows(Ops.grad(net.potential(input).sum(), input, false));
                double[][] map = net.apply(x);
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < D; j++) {
                        assertThat(map[i][j]).isCloseTo(grad[i][j], org.assertj.core.data.Offset.offset(1e-10 * (1 + Math.abs(grad[i][j]))));
                    }
                }
            }
        }
    }

    @Test
    void float32ShapesAndDtypes() {
        for (Network net : List.of(MGradNetCConfig.of(2, 4, 2, Activation.TANH).withDtype(DType.FLOAT32).build(1),
                MGradNetMConfig.of(2, 2, 4, MGradNetMConfig.ModuleActivation.SOFTMAX).withDtype(DType.FLOAT32).build(1))) {
            try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
                Tensor x = Tensors.fromRows(new double[][] {{1, 2}, {3, 4}, {5, 6}}, DType.FLOAT32);
                Tensor out = net.forward(x);
                Tensor jac = ((JacobianNetwork) net).jacobian(x);
                assertThat(out.scalar_type().intern()).isEqualTo(DType.FLOAT32.scalarType());
                assertThat(Network.shapeOf(out)).containsExactly(3, 2);
                assertThat(Network.shapeOf(jac)).containsExactly(3, 2, 2);
                assertThat(jac.scalar_type().intern()).isEqualTo(DType.FLOAT32.scalarType());
            }
        }
    }
}
