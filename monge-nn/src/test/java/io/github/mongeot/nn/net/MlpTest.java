package io.github.mongeot.nn.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class MlpTest {

    @Test
    void computesTheLayersByHand() {
        // one hidden layer of relu: out = W2 relu(W1 x + b1) + b2, checked in plain Java
        Mlp net = MlpConfig.of(2, List.of(3), 1, Activation.RELU).build(11);
        NetTesting.perturb(net, new Random(1), 0.5);
        double[] w1 = net.parameterArrays().get("layers.0.weight").data();
        double[] b1 = net.parameterArrays().get("layers.0.bias").data();
        double[] w2 = net.parameterArrays().get("layers.1.weight").data();
        double[] b2 = net.parameterArrays().get("layers.1.bias").data();
        double[] x = {0.7, -1.3};
        double out = b2[0];
        for (int j = 0; j < 3; j++) {
            double h = Math.max(0, w1[2 * j] * x[0] + w1[2 * j + 1] * x[1] + b1[j]);
            out += w2[j] * h;
        }
        assertThat(net.apply(new double[][] {x})[0][0]).isCloseTo(out, within(1e-12));
        assertThat(net.parameterCount()).isEqualTo(2 * 3 + 3 + 3 + 1);
    }

    @Test
    void residualAddsTheInput() {
        MlpConfig base = MlpConfig.of(2, List.of(8), 2, Activation.TANH);
        Mlp plain = base.build(5);
        Mlp residual = base.withResidual(true).build(5); // same seed, same weights
        double[][] x = NetTesting.randomRows(new Random(2), 4, 2, 1.0);
        double[][] a = plain.apply(x);
        double[][] b = residual.apply(x);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(b[i][j]).isCloseTo(x[i][j] + a[i][j], within(1e-14));
            }
        }
        assertThatThrownBy(() -> MlpConfig.of(2, List.of(8), 3, Activation.TANH).withResidual(true))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void conditionIsConcatenatedToTheInput() {
        Mlp conditional = MlpConfig.of(2, List.of(8, 8), 2, Activation.CELU).withConditionDim(1).build(6);
        Mlp flat = MlpConfig.of(3, List.of(8, 8), 2, Activation.CELU).build(6); // same shapes and seed: same weights
        double[][] x = NetTesting.randomRows(new Random(3), 5, 2, 1.0);
        double[][] c = NetTesting.randomRows(new Random(4), 5, 1, 1.0);
        double[][] xc = new double[5][];
        for (int i = 0; i < 5; i++) {
            xc[i] = new double[] {x[i][0], x[i][1], c[i][0]};
        }
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            double[][] a = Tensors.toRows(conditional.forward(Tensors.fromRows(x, DType.FLOAT64), Tensors.fromRows(c, DType.FLOAT64)));
            assertThat(a).isDeepEqualTo(flat.apply(xc));
            assertThatThrownBy(() -> conditional.forward(Tensors.fromRows(x, DType.FLOAT64))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("condition");
        }
    }

    @Test
    void everyActivationRunsAndPreluHasALearnedSlope() {
        for (Activation act : Activation.values()) {
            Mlp net = MlpConfig.of(2, List.of(4, 4), 3, act).build(1);
            assertThat(net.apply(new double[][] {{1, 2}})[0]).hasSize(3);
            assertThat(net.namedParameters().containsKey("activations.0.weight")).isEqualTo(act == Activation.PRELU);
        }
    }

    @Test
    void adamFitsASmoothFunction() {
        // libtorch's Adam on the network's parameters: fit y = sin(2x) on [-1, 1]
        Mlp net = MlpConfig.of(1, List.of(32, 32), 1, Activation.TANH).build(7);
        double[][] x = new double[64][1];
        double[][] y = new double[64][1];
        for (int i = 0; i < 64; i++) {
            x[i][0] = -1 + 2.0 * i / 63;
            y[i][0] = Math.sin(2 * x[i][0]);
        }
        Adam adam = new Adam(net.parameters(), new AdamOptions(1e-2));
        double first = Double.NaN;
        double last = Double.NaN;
        try (PointerScope outer = new PointerScope()) {
            Tensor xs = Tensors.fromRows(x, DType.FLOAT64);
            Tensor ys = Tensors.fromRows(y, DType.FLOAT64);
            for (int step = 0; step < 150; step++) {
                try (PointerScope scope = new PointerScope()) {
                    adam.zero_grad();
                    Tensor loss = net.forward(xs).sub(ys).square().mean();
                    loss.backward();
                    adam.step();
                    last = loss.item_double();
                    if (step == 0) {
                        first = last;
                    }
                }
            }
        }
        assertThat(last).as("loss after 150 Adam steps, first %s", first).isLessThan(first / 20);
    }

    @Test
    void aNetworkBuiltInsideAClosedScopeStaysUsable() {
        Mlp net;
        double[][] before;
        double[][] x = {{0.5, -0.5}};
        try (PointerScope scope = new PointerScope()) {
            net = MlpConfig.of(2, List.of(4, 4), 1, Activation.SOFTPLUS).build(3);
            before = net.apply(x);
        }
        System.gc();
        assertThat(net.apply(x)).isDeepEqualTo(before);
        Adam adam = new Adam(net.parameters(), new AdamOptions(1e-1));
        try (PointerScope scope = new PointerScope()) {
            adam.zero_grad();
            net.forward(Tensors.fromRows(x, DType.FLOAT64)).sum().backward();
            adam.step();
        }
        assertThat(net.apply(x)[0][0]).isLessThan(before[0][0]); // one step down the gradient of the output
    }
}
