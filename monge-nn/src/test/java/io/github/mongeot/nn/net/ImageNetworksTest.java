package io.github.mongeot.nn.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** The U-Net map and the CNN potential: shapes, the noise channel, gradients against finite differences. */
class ImageNetworksTest {
    @Test
    void unetMapsFlatImagesToFlatImagesAndUsesTheNoiseChannel() {
        UNet net = UNetConfig.of(28, 28, 4, true).build(1);
        assertThat(net.inputDim()).isEqualTo(784);
        assertThat(net.outputDim()).isEqualTo(784);
        assertThat(net.conditionDim()).isEqualTo(784);
        double[][] x = NetTesting.randomRows(new Random(1), 3, 784, 1);
        double[][] z1 = NetTesting.randomRows(new Random(2), 3, 784, 0.1);
        double[][] z2 = NetTesting.randomRows(new Random(3), 3, 784, 0.1);
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor xs = Tensors.fromRows(x, DType.FLOAT32);
            Tensor a = net.forward(xs, Tensors.fromRows(z1, DType.FLOAT32));
            Tensor b = net.forward(xs, Tensors.fromRows(z2, DType.FLOAT32));
            assertThat(Network.shapeOf(a)).containsExactly(3, 784);
            // different noise, different outputs; same noise, same output
            assertThat(a.sub(b).abs().max().item_double()).isGreaterThan(1e-6);
            assertThat(net.forward(xs, Tensors.fromRows(z1, DType.FLOAT32)).sub(a).abs().max().item_double()).isZero();
        }
        assertThatThrownBy(() -> net.apply(x)).isInstanceOf(InvalidInputException.class).hasMessageContaining("condition");
        assertThatThrownBy(() -> UNetConfig.of(30, 28, 4, true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("multiples of 4");
        assertThatThrownBy(() -> UNetConfig.of(28, 28, 4, false).withNoiseEveryLevel(true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs the noise channel");
    }

    @Test
    void unetWithoutNoiseAndPotentialShapes() {
        UNet map = UNetConfig.of(28, 28, 2, false).build(2);
        ConvPotential f = ConvPotentialConfig.of(28, 28, 4).build(3);
        double[][] x = NetTesting.randomRows(new Random(4), 5, 784, 1);
        assertThat(map.apply(x)).hasDimensions(5, 784);
        assertThat(f.apply(x)).hasDimensions(5, 1);
        assertThat(f.outputDim()).isEqualTo(1);
        // 28 → 14 → 7 → 4 after three stride-2 convolutions: head sees 4·4·(4·channels) features
        assertThat(f.namedParameters().get("head.weight").size(1)).isEqualTo(4 * 4 * 16);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        UNet map = new UNetConfig(8, 8, 2, true, Activation.TANH, DType.FLOAT64).build(5);
        ConvPotential f = new ConvPotentialConfig(8, 12, 2, Activation.TANH, DType.FLOAT64).build(6);
        Random random = new Random(7);
        double[][] x = NetTesting.randomRows(random, 2, 64, 1);
        double[][] z = NetTesting.randomRows(random, 2, 64, 1);
        double[][] weights = NetTesting.randomRows(random, 2, 64, 1);
        checkInputGradient(in -> map.forward(in, Tensors.fromRows(z, DType.FLOAT64)), x, weights);
        // noise at every level: the gradient in z runs through the block averages at both lower levels
        UNet deep = new UNetConfig(8, 8, 2, true, true, Activation.TANH, DType.FLOAT64).build(8);
        assertThat(Network.shapeOf(deep.namedParameters().get("noise.0.weight"))).containsExactly(2, 1, 1, 1);
        assertThat(Network.shapeOf(deep.namedParameters().get("noise.1.weight"))).containsExactly(4, 1, 1, 1);
        checkInputGradient(in -> deep.forward(in, Tensors.fromRows(z, DType.FLOAT64)), x, weights);
        checkInputGradient(in -> deep.forward(Tensors.fromRows(x, DType.FLOAT64), in), z, weights);
        double[][] x2 = NetTesting.randomRows(random, 2, 96, 1);
        checkInputGradient(f::forward, x2, new double[][] {{1}, {-2}});
    }

    /** ∇_x Σ w ⊙ N(x) by autodiff vs central differences on every 7th coordinate. */
    private static void checkInputGradient(java.util.function.UnaryOperator<Tensor> net, double[][] x, double[][] weights) {
        double[][] grad;
        try (PointerScope scope = new PointerScope()) {
            Tensor in = Tensors.fromRows(x, DType.FLOAT64).set_requires_grad(true);
            Tensor value = net.apply(in).mul(Tensors.fromRows(weights, DType.FLOAT64)).sum();
            grad = Tensors.toRows(Ops.grad(value, in, false));
        }
        double h = 1e-5;
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < x[i].length; c += 7) {
                double[][] plus = copy(x);
                double[][] minus = copy(x);
                plus[i][c] += h;
                minus[i][c] -= h;
                double fd = (value(net, plus, weights) - value(net, minus, weights)) / (2 * h);
                assertThat(grad[i][c]).as("d/dx[%d][%d]", i, c).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-6 + 1e-5 * Math.abs(fd)));
            }
        }
    }

    private static double value(java.util.function.UnaryOperator<Tensor> net, double[][] x, double[][] weights) {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            return net.apply(Tensors.fromRows(x, DType.FLOAT64)).mul(Tensors.fromRows(weights, DType.FLOAT64)).sum().item_double();
        }
    }

    private static double[][] copy(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
        }
        return out;
    }
}
