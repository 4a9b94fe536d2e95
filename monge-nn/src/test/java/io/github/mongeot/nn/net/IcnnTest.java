package io.github.mongeot.nn.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class IcnnTest {

    /** Smallest second difference f(p − h v) − 2 f(p) + f(p + h v) along random lines, relative to |f|. */
    static double worstSecondDifference(Network net, Random random, double scale) {
        int d = net.inputDim();
        int lines = 20;
        int steps = 41;
        double h = 0.1 * scale;
        double[][] points = new double[lines * steps][];
        for (int l = 0; l < lines; l++) {
            double[] base = NetTesting.randomRows(random, 1, d, scale)[0];
            double[] dir = NetTesting.randomRows(random, 1, d, 1.0)[0];
            for (int s = 0; s < steps; s++) {
                double t = (s - steps / 2) * h;
                double[] p = new double[d];
                for (int j = 0; j < d; j++) {
                    p[j] = base[j] + t * dir[j];
                }
                points[l * steps + s] = p;
            }
        }
        double[][] f = net.apply(points);
        double worst = Double.POSITIVE_INFINITY;
        for (int l = 0; l < lines; l++) {
            for (int s = 1; s < steps - 1; s++) {
                int i = l * steps + s;
                double second = f[i - 1][0] - 2 * f[i][0] + f[i + 1][0];
                double magnitude = Math.abs(f[i - 1][0]) + Math.abs(f[i][0]) + Math.abs(f[i + 1][0]) + 1;
                worst = Math.min(worst, second / magnitude);
            }
        }
        return worst;
    }

    @Test
    void convexAlongRandomLinesForRandomAndPerturbedParameters() {
        Random random = new Random(1);
        for (IcnnConfig.PassThrough pass : IcnnConfig.PassThrough.values()) {
            for (Activation act : List.of(Activation.SOFTPLUS, Activation.RELU, Activation.CELU, Activation.LEAKY_RELU)) {
                for (boolean symmetric : new boolean[] {false, true}) {
                    IcnnConfig config = IcnnConfig.of(3, List.of(16, 16)).withPassThrough(pass).withActivation(act).withSymmetric(symmetric);
                    Icnn net = config.build(random.nextLong());
                    assertThat(worstSecondDifference(net, random, 2.0)).as("%s %s sym=%s", pass, act, symmetric).isGreaterThan(-1e-12);
                    NetTesting.perturb(net, random, 1.5); // raw parameters anywhere: still convex
                    assertThat(worstSecondDifference(net, random, 2.0)).as("perturbed %s %s", pass, act).isGreaterThan(-1e-12);
                }
            }
        }
    }

    @Test
    void theConvexityCheckCatchesANonConvexNetwork() {
        Random random = new Random(2);
        Mlp mlp = MlpConfig.of(3, List.of(16, 16), 1, Activation.TANH).build(3);
        assertThat(worstSecondDifference(mlp, random, 2.0)).isLessThan(-1e-6);
    }

    @Test
    void strongConvexityAddsAtLeastAlphaCurvature() {
        Random random = new Random(3);
        double alpha = 0.5;
        Icnn net = IcnnConfig.of(2, List.of(8)).withStrongConvexity(alpha).build(4);
        NetTesting.perturb(net, random, 1.0);
        double[] p = {0.3, -0.7};
        double[] v = {0.6, 0.8}; // unit
        double h = 0.05;
        double[][] f = net.apply(new double[][] {{p[0] - h * v[0], p[1] - h * v[1]}, p, {p[0] + h * v[0], p[1] + h * v[1]}});
        assertThat((f[0][0] - 2 * f[1][0] + f[2][0]) / (h * h)).isGreaterThanOrEqualTo(alpha - 1e-6);
    }

    @Test
    void symmetricVariantIsEven() {
        Icnn net = IcnnConfig.symmetricCost(3, List.of(8, 8), 0.01).build(5);
        NetTesting.perturb(net, new Random(5), 0.5);
        double[][] x = NetTesting.randomRows(new Random(6), 10, 3, 1.0);
        double[][] minusX = new double[10][3];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 3; j++) {
                minusX[i][j] = -x[i][j];
            }
        }
        double[][] a = net.apply(x);
        double[][] b = net.apply(minusX);
        for (int i = 0; i < 10; i++) {
            assertThat(a[i][0]).isCloseTo(b[i][0], org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(a[i][0]))));
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Icnn net = IcnnConfig.symmetricCost(3, List.of(8, 8), 0.1).build(7);
        NetTesting.perturb(net, new Random(7), 0.3);
        double[][] x = NetTesting.randomRows(new Random(8), 5, 3, 1.0);
        double[][] grad;
        try (PointerScope scope = new PointerScope()) {
            grad = Tensors.toRows(net.gradient(Tensors.fromRows(x, DType.FLOAT64), false));
        }
        double h = 1e-6;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                double[][] plus = {x[i].clone()};
                double[][] minus = {x[i].clone()};
                plus[0][j] += h;
                minus[0][j] -= h;
                double fd = (net.apply(plus)[0][0] - net.apply(minus)[0][0]) / (2 * h);
                assertThat(grad[i][j]).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @Test
    void startsNearHalfSquaredNorm() {
        Icnn net = IcnnConfig.of(2, List.of(32, 32)).build(9);
        double[][] x = NetTesting.randomRows(new Random(9), 50, 2, 2.0);
        double[][] grad;
        try (PointerScope scope = new PointerScope()) {
            grad = Tensors.toRows(net.gradient(Tensors.fromRows(x, DType.FLOAT64), false));
        }
        for (int i = 0; i < 50; i++) {
            double norm = Math.hypot(x[i][0], x[i][1]);
            double err = Math.hypot(grad[i][0] - x[i][0], grad[i][1] - x[i][1]);
            assertThat(err).as("|grad f(x) - x| at %s", java.util.Arrays.toString(x[i])).isLessThan(0.1 * (1 + norm));
        }
    }

    @Test
    void float32NetworkComputesInFloat32() {
        Icnn net = IcnnConfig.of(2, List.of(4)).withDtype(DType.FLOAT32).build(1);
        try (PointerScope scope = new PointerScope()) {
            Tensor out = net.forward(Tensors.fromRows(new double[][] {{1, 2}, {3, 4}, {5, 6}}, DType.FLOAT32));
            assertThat(out.scalar_type().intern()).isEqualTo(DType.FLOAT32.scalarType());
            assertThat(out.dim()).isEqualTo(1);
            assertThat(out.size(0)).isEqualTo(3);
        }
        assertThat(net.namedParameters().values()).allSatisfy(p -> assertThat(p.scalar_type().intern()).isEqualTo(DType.FLOAT32.scalarType()));
    }

    @Test
    void refusesNonConvexActivationsAndWrongInputs() {
        assertThatThrownBy(() -> IcnnConfig.of(2, List.of(4)).withActivation(Activation.TANH))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("convex");
        Icnn net = IcnnConfig.of(2, List.of(4)).build(1);
        assertThatThrownBy(() -> net.apply(new double[][] {{1, 2, 3}})).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("n × 2");
    }

}
