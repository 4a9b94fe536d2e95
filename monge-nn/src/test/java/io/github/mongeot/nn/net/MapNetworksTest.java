package io.github.mongeot.nn.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.io.SafetensorsArray;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.junit.jupiter.api.Test;

/** ResNet and modified MLP against plain-Java evaluations of their defining formulas. */
class MapNetworksTest {

    /** φ(W x + b) in plain Java from the network's parameter arrays. */
    private static double[] layer(Map<String, SafetensorsArray> p, String name, double[] x, DoubleUnaryOperator phi) {
        double[] w = p.get(name + ".weight").data();
        double[] b = p.get(name + ".bias").data();
        double[] out = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            double s = b[i];
            for (int j = 0; j < x.length; j++) {
                s += w[i * x.length + j] * x[j];
            }
            out[i] = phi.applyAsDouble(s);
        }
        return out;
    }

    private static DoubleUnaryOperator prelu(Map<String, SafetensorsArray> p, String site) {
        double a = p.get("activations." + site + ".weight").data()[0];
        return v -> v >= 0 ? v : a * v;
    }

    @Test
    void resNetFollowsItsFormula() {
        ResNet net = ResNetConfig.of(2, 3, 2, 2, Activation.TANH).build(3);
        NetTesting.perturb(net, new Random(3), 0.5);
        Map<String, SafetensorsArray> p = net.parameterArrays();
        double[] x = {0.4, -0.9};
        double[] h = layer(p, "input", x, Math::tanh);
        for (int k = 0; k < 2; k++) {
            double[] inner = layer(p, "blocks." + k + ".second", layer(p, "blocks." + k + ".first", h, Math::tanh), v -> v);
            for (int i = 0; i < h.length; i++) {
                h[i] = Math.tanh(h[i] + inner[i]);
            }
        }
        double[] expected = layer(p, "output", h, v -> v);
        double[] actual = net.apply(new double[][] {x})[0];
        assertThat(actual[0]).isCloseTo(expected[0], within(1e-12));
        assertThat(actual[1]).isCloseTo(expected[1], within(1e-12));
    }

    @Test
    void modifiedMlpFollowsItsFormula() {
        ModifiedMlp net = ModifiedMlpConfig.of(2, 4, 2, 1, Activation.PRELU).build(4);
        NetTesting.perturb(net, new Random(4), 0.5);
        Map<String, SafetensorsArray> p = net.parameterArrays();
        double[] x = {-0.3, 1.1};
        double[] u = layer(p, "encoder_u", x, prelu(p, "encoder_u"));
        double[] v = layer(p, "encoder_v", x, prelu(p, "encoder_v"));
        double[] h = layer(p, "input", x, prelu(p, "input"));
        for (int k = 0; k < 2; k++) {
            double[] z = layer(p, "gates." + k, h, prelu(p, "gates." + k));
            for (int i = 0; i < h.length; i++) {
                h[i] = (1 - z[i]) * u[i] + z[i] * v[i];
            }
        }
        double expected = layer(p, "output", h, w -> w)[0];
        assertThat(net.apply(new double[][] {x})[0][0]).isCloseTo(expected, within(1e-12));
    }

    @Test
    void residualAndConditionalVariants() {
        Random random = new Random(5);
        double[][] x = NetTesting.randomRows(random, 4, 2, 1.0);
        double[][] c = NetTesting.randomRows(random, 4, 1, 1.0);
        Network plain = ModifiedMlpConfig.of(2, 4, 1, 2, Activation.TANH).withConditionDim(1).build(9);
        Network residual = ModifiedMlpConfig.of(2, 4, 1, 2, Activation.TANH).withConditionDim(1).withResidual(true).build(9);
        Network resnet = ResNetConfig.of(2, 4, 1, 2, Activation.PRELU).withConditionDim(1).withResidual(true).build(9);
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            var xs = Tensors.fromRows(x, DType.FLOAT64);
            var cs = Tensors.fromRows(c, DType.FLOAT64);
            double[][] a = Tensors.toRows(plain.forward(xs, cs));
            double[][] b = Tensors.toRows(residual.forward(xs, cs));
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 2; j++) {
                    assertThat(b[i][j]).isCloseTo(x[i][j] + a[i][j], within(1e-14));
                }
            }
            assertThat(Network.shapeOf(resnet.forward(xs, cs))).containsExactly(4, 2);
        }
    }
}
