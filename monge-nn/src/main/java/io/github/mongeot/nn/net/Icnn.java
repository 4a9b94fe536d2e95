package io.github.mongeot.nn.net;

import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Input-convex neural network (see {@link IcnnConfig}):
 * z₁ = σ(Q₁(x)), z_{k+1} = σ(W_k⁺ z_k + Q_{k+1}(x)), I(x) = w⁺·z_L + Q_out(x), and
 * f(x) = I(x) (or ½I(x) + ½I(−x) when symmetric) + α/2 ‖x‖².
 *
 * <p>Convexity for every parameter value: the hidden-to-hidden and output weights are
 * W⁺ = softplus(W_raw) ≥ 0 by construction (no clamping step to forget; the raw parameters
 * "convex.k.raw_weight" and "output.raw_weight" are unconstrained), σ is convex and
 * non-decreasing, and each Q is affine or a convex quadratic. A non-negative combination of
 * convex functions passed through a convex non-decreasing σ stays convex.
 *
 * <p>Initialisation near ½‖x‖² (quadratic pass-through): the output pass-through starts at
 * ½‖x‖² (diag(relu(D)) = I, small F, zero affine part) and the output weights at about
 * 0.1 / width, so the learned part starts as a small convex perturbation.
 *
 * <p>{@link #forward} returns shape [n].
 */
public final class Icnn extends Network {
    private final IcnnConfig config;
    private final List<PassThroughLayer> passThroughs = new ArrayList<>();
    private final List<Tensor> convexRaw = new ArrayList<>();
    private final List<ActivationSite> activations = new ArrayList<>();
    private Tensor outputRaw;

    /** One layer's Q: affine part, and the quadratic factor and raw diagonal (null when affine). */
    private record PassThroughLayer(Dense affine, Tensor factor, Tensor diagonalRaw, int units, int rank) {
        Tensor apply(Tensor x) {
            Tensor q = affine.apply(x);
            if (factor == null) {
                return q;
            }
            long n = x.size(0);
            long d = x.size(1);
            // ‖F_jᵀ x‖² for every unit j: x (n×d) times F laid out d × (rank·units), then a sum over
            // the rank axis (a middle axis: summing a tiny last axis is a slow strided reduction)
            Tensor projected = x.mm(factor.permute(1, 2, 0).reshape(d, (long) rank * units)).reshape(n, rank, units);
            Tensor lowRank = Ops.sum(projected.square(), 1);
            Tensor diag = x.square().mm(diagonalRaw.relu().t());
            return q.add(lowRank.add(diag).mul(new Scalar(0.5)));
        }
    }

    public Icnn(IcnnConfig config, long seed) {
        this(config, seed, CPU);
    }

    public Icnn(IcnnConfig config, long seed, String device) {
        super(config.dtype(), device);
        this.config = config;
        Initializers init = new Initializers(seed);
        int d = config.inputDim();
        List<Integer> hidden = config.hidden();
        for (int k = 0; k < hidden.size(); k++) {
            int h = hidden.get(k);
            passThroughs.add(passThrough("passthrough." + k, h, false, init));
            activations.add(activation("activations." + k, config.activation()));
            if (k > 0) {
                int prev = hidden.get(k - 1);
                convexRaw.add(parameter("convex." + (k - 1) + ".raw_weight", positiveRaw(init, h * prev, 1.0 / prev), h, prev));
            }
        }
        passThroughs.add(passThrough("output.passthrough", 1, true, init));
        if (!hidden.isEmpty()) {
            int last = hidden.get(hidden.size() - 1);
            outputRaw = parameter("output.raw_weight", positiveRaw(init, last, 0.1 / last), 1, last);
        }
    }

    /** Raw values whose softplus is about scale × U(0.5, 1.5). */
    private static double[] positiveRaw(Initializers init, int count, double scale) {
        double[] v = init.uniform(count, 0.5 * scale, 1.5 * scale);
        for (int i = 0; i < count; i++) {
            v[i] = Initializers.inverseSoftplus(v[i]);
        }
        return v;
    }

    private PassThroughLayer passThrough(String prefix, int units, boolean output, Initializers init) {
        int d = config.inputDim();
        double bound = 1.0 / Math.sqrt(d);
        double[] weight = output ? new double[units * d] : init.uniform(units * d, -bound, bound);
        Dense affine = new Dense(parameter(prefix + ".weight", weight, units, d), parameter(prefix + ".bias", new double[units], units));
        if (config.passThrough() == IcnnConfig.PassThrough.AFFINE) {
            return new PassThroughLayer(affine, null, null, units, 0);
        }
        int r = config.quadraticRank();
        double factorStd = (output ? 0.01 : 0.1) / Math.sqrt(d * (double) r);
        Tensor factor = parameter(prefix + ".factor", init.normal(units * d * r, factorStd), units, d, r);
        double[] diag = output ? Initializers.constant(units * d, 1.0) : init.uniform(units * d, 0.0, 0.1);
        Tensor diagonal = parameter(prefix + ".diagonal", diag, units, d);
        return new PassThroughLayer(affine, factor, diagonal, units, r);
    }

    @Override
    public IcnnConfig config() {
        return config;
    }

    /** f(x) for a batch x (n × d), shape [n]. */
    @Override
    public Tensor forward(Tensor x) {
        checkInput(x, config.inputDim(), "input");
        Tensor f;
        if (config.symmetric()) {
            long n = x.size(0);
            Tensor both = core(torch.cat(new TensorVector(x, x.neg()), 0));
            f = both.narrow(0, 0, n).add(both.narrow(0, n, n)).mul(new Scalar(0.5));
        } else {
            f = core(x);
        }
        if (config.strongConvexity() > 0) {
            f = f.add(Ops.sumLast(x.square()).mul(new Scalar(0.5 * config.strongConvexity())));
        }
        return f;
    }

    /**
     * ∇f(x) for a batch (n × d) by autodiff; with {@code createGraph} the result is differentiable
     * in the parameters and in x.
     */
    public Tensor gradient(Tensor x, boolean createGraph) {
        Tensor input = x.requires_grad() ? x : x.detach().set_requires_grad(true);
        return Ops.grad(forward(input).sum(), input, createGraph);
    }

    /** The unsymmetrised I(x), shape [n]. */
    private Tensor core(Tensor x) {
        int hiddenCount = config.hidden().size();
        Tensor z = null;
        for (int k = 0; k < hiddenCount; k++) {
            Tensor pre = passThroughs.get(k).apply(x);
            if (k > 0) {
                pre = pre.add(torch.linear(z, torch.softplus(convexRaw.get(k - 1))));
            }
            z = activations.get(k).apply(pre);
        }
        Tensor out = passThroughs.get(hiddenCount).apply(x);
        if (z != null) {
            out = out.add(torch.linear(z, torch.softplus(outputRaw)));
        }
        return out.squeeze(1);
    }

    /** Convenience: f at rows, as doubles. */
    public double[] values(double[][] x) {
        double[][] out = apply(x);
        double[] v = new double[out.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = out[i][0];
        }
        return v;
    }

}
