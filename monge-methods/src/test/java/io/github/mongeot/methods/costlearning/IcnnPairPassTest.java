package io.github.mongeot.methods.costlearning;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.net.Icnn;
import io.github.mongeot.nn.net.IcnnConfig;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * The fused pair pass (hand-written reverse pass of the symmetric ICNN) against autograd on the
 * network itself: h, ∇h and the parameters' gradients of a loss on both, in float64 to round-off and
 * in float32 to its precision. (The finite-difference tests of {@link DifferentiableEntropicMapTest}
 * run through the fused pass too.)
 */
class IcnnPairPassTest {

    /** Two hidden layers (so the hidden-to-hidden weights are exercised), CELU, 3-D, parameters moved off their start. */
    private static Icnn perturbedIcnn() {
        Icnn icnn = new Icnn(IcnnConfig.symmetricCost(3, List.of(16, 8), 0.01), 3);
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            torch.manual_seed(5);
            for (Tensor p : icnn.namedParameters().values()) {
                p.add_(torch.randn(p.sizes().vec().get(), p.options()).mul(Tensors.scalar(0.3)));
            }
        }
        return icnn;
    }

    @Test
    void fusedPassEqualsAutogradInValuesGradientsAndParameterGradients() {
        Icnn icnn = perturbedIcnn();
        LearnedCost autograd = LearnedCost.custom("autograd", 3, icnn::forward);
        double[][] reference = pass(autograd, icnn);
        double[][] fused64 = pass(LearnedCost.of(icnn, FlowMode.NONE, null, null, new double[3], 1.0), icnn);
        double[][] fused32 = pass(LearnedCost.of(icnn, FlowMode.NONE, null, null, new double[3], 1.0)
                .withPairPrecision(DType.FLOAT32), icnn);
        for (int part = 0; part < reference.length; part++) {
            assertThat(relativeError(fused64[part], reference[part])).as("float64 part %d", part).isLessThan(1e-12);
            assertThat(relativeError(fused32[part], reference[part])).as("float32 part %d", part).isLessThan(1e-5);
        }
    }

    /** {h, ∇h, ∂L/∂θ, ∂L/∂z} for L = ⟨r₁, h(z)⟩ + ⟨r₂, ∇h(z)⟩ at fixed random z (5 × 7 × 3), r₁, r₂. */
    private static double[][] pass(LearnedCost cost, Icnn icnn) {
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(9);
            Tensor z = torch.randn(new long[] {5, 7, 3}, Tensors.options(DType.FLOAT64)).mul(Tensors.scalar(2.0))
                    .requires_grad_(true);
            Tensor r1 = torch.randn(new long[] {5, 7}, Tensors.options(DType.FLOAT64));
            Tensor r2 = torch.randn(new long[] {5, 7, 3}, Tensors.options(DType.FLOAT64));
            List<Tensor> params = new ArrayList<>(icnn.namedParameters().values());
            for (Tensor p : params) {
                if (p.grad().defined()) {
                    p.grad().zero_();
                }
            }
            Tensor[] hg = cost.valueAndGradient(z);
            hg[0].mul(r1).sum().add(hg[1].mul(r2).sum()).backward();
            List<Double> grads = new ArrayList<>();
            params.add(z);
            for (Tensor p : params) {
                Tensor g = p.grad().defined() ? p.grad() : torch.zeros_like(p);
                for (double v : Tensors.toFlat(g.reshape(-1))) {
                    grads.add(v);
                }
            }
            return new double[][] {Tensors.toFlat(hg[0].detach().reshape(-1)), Tensors.toFlat(hg[1].detach().reshape(-1)),
                grads.stream().mapToDouble(Double::doubleValue).toArray()};
        }
    }

    private static double relativeError(double[] actual, double[] expected) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return diff / scale;
    }
}
