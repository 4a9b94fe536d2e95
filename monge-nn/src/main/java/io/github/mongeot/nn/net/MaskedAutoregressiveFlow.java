package io.github.mongeot.nn.net;

import io.github.mongeot.core.engine.Ops;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Masked autoregressive flow Φ: R^d → R^d (see {@link MafConfig}). Each layer is a MADE
 * (Germain et al. 2015) giving μ(x), α(x) with output i depending only on x_{<i}, the affine map
 * u = (x − μ(x)) ⊙ exp(−α(x)) (log-det −Σα), then a reversal of the coordinates.
 * {@link #forward} (data → latent) is one pass per layer; {@link #inverse} needs d passes per
 * layer. The output layer of every MADE starts at zero, so a fresh flow is the identity up to
 * the reversals (an even number of layers: exactly the identity).
 *
 * <p>Parameters "layers.l.made.k.weight"/"bias" (the MADE masks are constants rebuilt from the
 * config; masked-out weight entries are ignored).
 */
public final class MaskedAutoregressiveFlow extends Network {
    private final MafConfig config;
    private final List<Made> mades = new ArrayList<>();

    /** One MADE: masked dense layers; the last outputs [μ, α] (2d units). */
    private record Made(List<Dense> layers, List<Tensor> masks, Activation activation, int dim) {
        /** μ and α for a batch, as one n × 2d tensor. */
        Tensor apply(Tensor x) {
            Tensor h = x;
            for (int k = 0; k < layers.size(); k++) {
                Dense layer = layers.get(k);
                h = torch.linear(h, layer.weight().mul(masks.get(k)), layer.bias());
                if (k < layers.size() - 1) {
                    h = activation.apply(h);
                }
            }
            return h;
        }
    }

    public MaskedAutoregressiveFlow(MafConfig config, long seed) {
        this(config, seed, CPU);
    }

    public MaskedAutoregressiveFlow(MafConfig config, long seed, String device) {
        super(config.dtype(), device);
        this.config = config;
        Initializers init = new Initializers(seed);
        int d = config.dim();
        for (int l = 0; l < config.layers(); l++) {
            List<Dense> layers = new ArrayList<>();
            List<Tensor> masks = new ArrayList<>();
            int[] previousDegrees = new int[d];
            for (int i = 0; i < d; i++) {
                previousDegrees[i] = i + 1;
            }
            int in = d;
            List<Integer> hidden = config.hidden();
            for (int k = 0; k < hidden.size(); k++) {
                int h = hidden.get(k);
                int[] degrees = new int[h];
                for (int j = 0; j < h; j++) {
                    degrees[j] = j % Math.max(1, d - 1) + 1; // cyclic degrees 1..d−1
                }
                double[] mask = new double[h * in];
                for (int j = 0; j < h; j++) {
                    for (int i = 0; i < in; i++) {
                        mask[j * in + i] = degrees[j] >= previousDegrees[i] ? 1 : 0;
                    }
                }
                layers.add(dense("layers." + l + ".made." + k, in, h, init));
                masks.add(constant(mask, h, in));
                previousDegrees = degrees;
                in = h;
            }
            // output unit o ∈ [0, 2d) drives coordinate i = o mod d and may see degrees < i + 1 only
            double[] mask = new double[2 * d * in];
            for (int o = 0; o < 2 * d; o++) {
                for (int j = 0; j < in; j++) {
                    mask[o * in + j] = (o % d) + 1 > previousDegrees[j] ? 1 : 0;
                }
            }
            String prefix = "layers." + l + ".made." + hidden.size();
            layers.add(new Dense(parameter(prefix + ".weight", new double[2 * d * in], 2 * d, in),
                    parameter(prefix + ".bias", new double[2 * d], 2 * d)));
            masks.add(constant(mask, 2 * d, in));
            mades.add(new Made(layers, masks, config.activation(), d));
        }
    }

    @Override
    public MafConfig config() {
        return config;
    }

    /** Φ(x), data → latent. */
    @Override
    public Tensor forward(Tensor x) {
        return forwardWithLogDet(x).value();
    }

    /** Φ(x) and log |det ∂Φ/∂x| per row. */
    public FlowOutput forwardWithLogDet(Tensor x) {
        checkInput(x, config.dim(), "input");
        int d = config.dim();
        Tensor u = x;
        Tensor logDet = null;
        for (Made made : mades) {
            Tensor out = made.apply(u);
            Tensor mu = out.narrow(1, 0, d);
            Tensor alpha = out.narrow(1, d, d);
            u = u.sub(mu).mul(alpha.neg().exp()).flip(1);
            Tensor layerLogDet = Ops.sumLast(alpha).neg();
            logDet = logDet == null ? layerLogDet : logDet.add(layerLogDet);
        }
        return new FlowOutput(u, logDet);
    }

    /** Φ⁻¹(u), latent → data (d sequential passes per layer). */
    public Tensor inverse(Tensor u) {
        return inverseWithLogDet(u).value();
    }

    /** Φ⁻¹(u) and log |det ∂Φ⁻¹/∂u| per row. */
    public FlowOutput inverseWithLogDet(Tensor u) {
        checkInput(u, config.dim(), "input");
        int d = config.dim();
        Tensor x = u;
        Tensor logDet = null;
        for (int l = mades.size() - 1; l >= 0; l--) {
            Made made = mades.get(l);
            Tensor target = x.flip(1);
            // coordinate i of the solution depends on coordinates < i only: after pass i, 0..i are exact
            Tensor current = target.mul(new org.bytedeco.pytorch.Scalar(0.0));
            Tensor alpha = null;
            for (int pass = 0; pass < d; pass++) {
                Tensor out = made.apply(current);
                alpha = out.narrow(1, d, d);
                current = target.mul(alpha.exp()).add(out.narrow(1, 0, d));
            }
            x = current;
            Tensor layerLogDet = Ops.sumLast(alpha);
            logDet = logDet == null ? layerLogDet : logDet.add(layerLogDet);
        }
        return new FlowOutput(x, logDet);
    }
}
