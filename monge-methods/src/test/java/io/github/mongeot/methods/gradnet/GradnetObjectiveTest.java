package io.github.mongeot.methods.gradnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.gaussian.Gaussian;
import io.github.mongeot.methods.gradnet.GradnetOptions.Architecture;
import io.github.mongeot.methods.gradnet.GradnetOptions.Loss;
import io.github.mongeot.nn.net.Network;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Monge–Ampère loss and its parameter gradient against central finite differences. */
class GradnetObjectiveTest {
    private static final double H = 1e-6;

    /**
     * Every architecture (closed-form Jacobian with the 2-D and Cholesky log-determinants, and the
     * autograd Jacobian of the MLP) and both losses, on a Gaussian → mixture pair: ∂L/∂θ from
     * backward equals (L(θ + h e) − L(θ − h e)) / 2h for entries of every parameter tensor.
     */
    @ParameterizedTest
    @CsvSource({"MGRADNET_M, 2, L1", "MGRADNET_M, 3, SQUARED", "MGRADNET_C, 2, SQUARED", "MGRADNET_C, 3, L1", "MLP, 2, SQUARED"})
    void lossGradientMatchesFiniteDifferences(Architecture architecture, int d, Loss loss) {
        GradnetOptions options = GradnetOptions.defaults().withArchitecture(architecture).withShape(6, 2).withLoss(loss).withSeed(3);
        Network network = new GradnetEstimator(options).network(d);
        Random rng = new Random(11);
        Density source = GaussianMixtureDensity.gaussian(randomGaussian(rng, d));
        Density target = new GaussianMixtureDensity(new double[] {0.3, 0.7}, List.of(randomGaussian(rng, d), randomGaussian(rng, d)));
        double[][] x = source.sample(16, rng);
        try (PointerScope scope = new PointerScope()) {
            Tensor xs = Tensors.fromRows(x, DType.FLOAT64);
            Tensor value = GradnetObjective.loss(network, source, target, xs, loss);
            assertThat(value.item_double()).isFinite();
            value.backward();
            for (Map.Entry<String, Tensor> entry : network.namedParameters().entrySet()) {
                Tensor p = entry.getValue();
                Tensor flat = p.view(-1);
                for (long i : new long[] {0, flat.size(0) - 1}) {
                    double analytic = p.grad().view(-1).get(i).item_double();
                    double numeric = (perturbedLoss(network, source, target, xs, loss, flat, i, H)
                            - perturbedLoss(network, source, target, xs, loss, flat, i, -H)) / (2 * H);
                    assertThat(analytic).as(architecture + " " + entry.getKey() + "[" + i + "]")
                            .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(numeric))));
                }
            }
        }
    }

    private static double perturbedLoss(Network network, Density p, Density q, Tensor x, Loss loss, Tensor flat, long i, double h) {
        try (PointerScope scope = new PointerScope()) {
            try (NoGradGuard guard = new NoGradGuard()) {
                flat.get(i).add_(Tensors.scalar(h));
            }
            // the MLP's Jacobian needs autograd on; the value is read without a backward pass
            double value = GradnetObjective.loss(network, p, q, x, loss).item_double();
            try (NoGradGuard guard = new NoGradGuard()) {
                flat.get(i).sub_(Tensors.scalar(h));
            }
            return value;
        }
    }

    static Gaussian randomGaussian(Random rng, int d) {
        double[][] a = new double[d][d];
        double[] mean = new double[d];
        for (int r = 0; r < d; r++) {
            mean[r] = rng.nextGaussian();
            for (int c = 0; c < d; c++) {
                a[r][c] = 0.5 * rng.nextGaussian();
            }
        }
        double[][] cov = new double[d][d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double s = r == c ? 0.5 : 0;
                for (int k = 0; k < d; k++) {
                    s += a[r][k] * a[c][k];
                }
                cov[r][c] = s;
            }
        }
        return new Gaussian(mean, cov);
    }

    static {
        torch.manual_seed(0);
    }
}
