package io.github.mongeot.methods.costlearning;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.net.Activation;
import io.github.mongeot.nn.net.Icnn;
import io.github.mongeot.nn.net.IcnnConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * h(z) and ∇h(z) of the symmetric ICNN cost h(z) = ½I(z) + ½I(−z) + (α/2)‖z‖² over many points in one
 * fused, first-order graph: the hand-written reverse pass of I (chain rule through the layers of
 * {@link Icnn}) is built from ordinary differentiable operations, so the parameters' gradient of any
 * loss on (h, ∇h) costs one backward pass instead of autograd's double backward of a create-graph
 * gradient. The symmetry is folded in: a pass-through layer Q(z) = Az + b + ½q(z) has q(−z) = q(z) and
 * the affine part flips sign, so the quadratic terms and their Jacobians are computed once for ±z, and
 * ∇h = ½ Σ_k [(g⁺ − g⁻)A_k + ∇q_k·(g⁺ + g⁻)] + αz with g^± the layer sensitivities of the two branches.
 *
 * <p>{@code pass} is the precision of the pass (float32 halves its memory traffic): parameters and points
 * are cast there differentiably and the results come back in the points' precision. Only for the paper's
 * form (symmetric, quadratic pass-through, a fixed activation); {@link #supports} says which.
 */
final class IcnnPairPass {
    private final Icnn icnn;
    private final DType pass;

    IcnnPairPass(Icnn icnn, DType pass) {
        if (!supports(icnn)) {
            throw new IllegalArgumentException("fused pair pass needs a symmetric quadratic-pass-through ICNN");
        }
        this.icnn = icnn;
        this.pass = pass;
    }

    static boolean supports(Icnn icnn) {
        IcnnConfig c = icnn.config();
        return c.symmetric() && c.passThrough() == IcnnConfig.PassThrough.QUADRATIC && c.activation() != Activation.PRELU
                && !c.hidden().isEmpty();
    }

    /** One pass-through layer's parameters in the pass precision; factor laid out d × (rank·units). */
    private record Layer(Tensor weight, Tensor bias, Tensor factor, Tensor diagonal, int units, int rank) {
    }

    /** {h(z), ∇h(z)} for z of shape (…, d): values (…) and gradients (…, d), in z's precision. */
    Tensor[] valueAndGradient(Tensor z) {
        IcnnConfig config = icnn.config();
        int d = config.inputDim();
        long[] shape = z.sizes().vec().get();
        torch.ScalarType outType = z.scalar_type();
        Tensor x = z.reshape(-1, d).to(pass.scalarType());
        long n = x.size(0);
        Map<String, Tensor> p = icnn.namedParameters();
        List<Integer> hidden = config.hidden();
        int layers = hidden.size();
        List<Layer> passThroughs = new ArrayList<>();
        for (int k = 0; k <= layers; k++) {
            passThroughs.add(layer(p, k < layers ? "passthrough." + k : "output.passthrough", d));
        }
        Scalar half = Tensors.scalar(0.5);
        Tensor xSquare = x.square();
        // forward, both branches: pre^± = ±xA + b + ½q(x) (+ W⁺z^±); P = x F (n × rank × units) is kept
        List<Tensor> projections = new ArrayList<>();
        List<Tensor> linear = new ArrayList<>();
        List<Tensor> even = new ArrayList<>();
        for (Layer l : passThroughs) {
            Tensor projected = x.mm(l.factor).reshape(n, l.rank, l.units);
            projections.add(projected);
            linear.add(x.mm(l.weight.t()));
            even.add(Ops.sum(projected.square(), 1).add(xSquare.mm(l.diagonal.t())).mul(half).add(l.bias));
        }
        List<Tensor> convex = new ArrayList<>();
        for (int k = 1; k < layers; k++) {
            convex.add(torch.softplus(p.get("convex." + (k - 1) + ".raw_weight").to(pass.scalarType())));
        }
        Tensor outputWeight = torch.softplus(p.get("output.raw_weight").to(pass.scalarType()));
        Activation sigma = config.activation();
        List<Tensor> slopes = new ArrayList<>(); // σ′(pre) for both branches stacked: 2n × units
        Tensor zk = null;
        for (int k = 0; k < layers; k++) {
            Tensor pre = torch.cat(new TensorVector(even.get(k).add(linear.get(k)), even.get(k).sub(linear.get(k))), 0);
            if (k > 0) {
                pre = pre.add(zk.mm(convex.get(k - 1).t()));
            }
            zk = sigma.apply(pre);
            slopes.add(sigma.derivative(pre));
        }
        // ½(I(x) + I(−x)): the output layer's linear part cancels
        Tensor zSum = zk.narrow(0, 0, n).add(zk.narrow(0, n, n));
        Tensor value = even.get(layers).squeeze(1).add(zSum.mm(outputWeight.t()).squeeze(1).mul(half));
        // backward by hand: δ_L = w⁺, g_k = δ_k ⊙ σ′(pre_k), δ_{k−1} = g_k W_k⁺ (both branches at once)
        Layer out = passThroughs.get(layers);
        Tensor grad = quadraticGradient(x, projections.get(layers), out, torch.ones(new long[] {n, 1}, x.options()));
        Tensor delta = outputWeight.expand(new long[] {2 * n, outputWeight.size(1)});
        for (int k = layers - 1; k >= 0; k--) {
            Tensor g = delta.mul(slopes.get(k));
            Tensor gPlus = g.narrow(0, 0, n);
            Tensor gMinus = g.narrow(0, n, n);
            Layer l = passThroughs.get(k);
            grad = grad.add(gPlus.sub(gMinus).mm(l.weight).mul(half))
                    .add(quadraticGradient(x, projections.get(k), l, gPlus.add(gMinus).mul(half)));
            if (k > 0) {
                delta = g.mm(convex.get(k - 1));
            }
        }
        double alpha = config.strongConvexity();
        if (alpha > 0) {
            value = value.add(Ops.sumLast(xSquare).mul(Tensors.scalar(0.5 * alpha)));
            grad = grad.add(x.mul(Tensors.scalar(alpha)));
        }
        long[] gradShape = shape.clone();
        long[] valueShape = java.util.Arrays.copyOf(shape, shape.length - 1);
        return new Tensor[] {value.to(outType).reshape(valueShape), grad.to(outType).reshape(gradShape)};
    }

    /** Σ_j s_j ∇(½q_j)(x) = Σ_r (s ⊙ P_r) F_rᵀ + x ⊙ (s relu(D)) for unit weights s (n × units). */
    private static Tensor quadraticGradient(Tensor x, Tensor projected, Layer l, Tensor s) {
        long n = x.size(0);
        Tensor weighted = projected.mul(s.unsqueeze(1)).reshape(n, (long) l.rank * l.units);
        return weighted.mm(l.factor.t()).add(x.mul(s.mm(l.diagonal)));
    }

    private Layer layer(Map<String, Tensor> p, String prefix, int d) {
        torch.ScalarType t = pass.scalarType();
        Tensor factor = p.get(prefix + ".factor");
        int units = (int) factor.size(0);
        int rank = (int) factor.size(2);
        return new Layer(p.get(prefix + ".weight").to(t), p.get(prefix + ".bias").to(t),
                factor.to(t).permute(1, 2, 0).reshape(d, (long) rank * units), p.get(prefix + ".diagonal").to(t).relu(),
                units, rank);
    }
}
