package io.github.mongeot.experiments.w2bench;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.io.NdArray;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The benchmark's pretrained DenseICNN potential ψ (Korotin et al. 2021, "Do neural OT solvers
 * work?"), read from its converted state dict, with the closed-form gradient ∇ψ that defines the
 * benchmark map. Three convex-quadratic layers CQ_k(x) = Σ_s (xᵀQ_k[:, s, :])² + W_k x + b_k,
 * z₀ = CQ₀(x), z₁ = celu(C₀z₀ + CQ₁(x)), z₂ = celu(C₁z₁ + CQ₂(x)), ψ(x) = fᵀz₂ + ½σ‖x‖².
 */
public final class DenseIcnnPotential {
    private static final int LAYERS = 3;
    private final int dim;
    private final double[][][] quadratic = new double[LAYERS][][];
    private final int[] rank = new int[LAYERS];
    private final double[][][] linear = new double[LAYERS][][];
    private final double[][] bias = new double[LAYERS][];
    private final double[][] convex0;
    private final double[][] convex1;
    private final double[] finalWeights;
    private final double strongConvexity;

    private DenseIcnnPotential(Map<String, NdArray> state, double strongConvexity, String file) {
        this.strongConvexity = strongConvexity;
        NdArray q0 = require(state, "quadratic_layers.0.quadratic_decomposed", file);
        this.dim = q0.dim(0);
        for (int k = 0; k < LAYERS; k++) {
            NdArray q = require(state, "quadratic_layers." + k + ".quadratic_decomposed", file);
            if (q.rank() != 3 || q.dim(0) != dim) {
                throw new InvalidInputException(file + ": quadratic layer " + k + " has shape " + q.shapeString()
                        + ", expected (" + dim + ", r, h)");
            }
            rank[k] = q.dim(1);
            // (d, r, h) → (d, r·h): column s·h + o holds Q_k[:, s, o].
            quadratic[k] = new NdArray(new int[] {dim, q.dim(1) * q.dim(2)}, q.data()).toRows();
            linear[k] = require(state, "quadratic_layers." + k + ".weight", file).toRows();
            bias[k] = require(state, "quadratic_layers." + k + ".bias", file).toVector();
        }
        this.convex0 = require(state, "convex_layers.0.weight", file).toRows();
        this.convex1 = require(state, "convex_layers.1.weight", file).toRows();
        this.finalWeights = require(state, "final_layer.weight", file).data().clone(); // shape (1, h3)
    }

    /** Reads a converted {@code {d}_v*.npz} state dict. */
    public static DenseIcnnPotential read(Path npz, double strongConvexity) {
        return new DenseIcnnPotential(ArrayIO.readNpz(npz), strongConvexity, npz.toString());
    }

    public int dim() {
        return dim;
    }

    /** ∇ψ(x) for each row, by the chain rule written out (float64). */
    public double[][] gradient(double[][] points) {
        try (PointerScope scope = new PointerScope()) {
            Tensor x = Tensors.fromRows(points, DType.FLOAT64);
            Tensor[] u = new Tensor[LAYERS];
            Tensor[] cq = new Tensor[LAYERS];
            for (int k = 0; k < LAYERS; k++) {
                u[k] = x.mm(t(quadratic[k]));                          // n × (r·h): xᵀQ_k[:, s, o]
                int h = bias[k].length;
                Tensor squares = u[k].mul(u[k]).view(-1, rank[k], h).sum(new long[] {1}, false,
                        new org.bytedeco.pytorch.ScalarTypeOptional());
                cq[k] = squares.add(x.mm(t(linear[k]).t())).add(Tensors.fromVector(bias[k], DType.FLOAT64));
            }
            Tensor a1 = cq[0].mm(t(convex0).t()).add(cq[1]);
            Tensor z1 = torch.celu(a1);
            Tensor a2 = z1.mm(t(convex1).t()).add(cq[2]);
            Tensor[] g = new Tensor[LAYERS];
            g[2] = celuDerivative(a2).mul(Tensors.fromVector(finalWeights, DType.FLOAT64).unsqueeze(0));
            g[1] = g[2].mm(t(convex1)).mul(celuDerivative(a1));
            g[0] = g[1].mm(t(convex0));
            Tensor grad = x.mul(Tensors.scalar(strongConvexity));
            for (int k = 0; k < LAYERS; k++) {
                grad = grad.add(g[k].mm(t(linear[k])));
                // ∂/∂x Σ_{s,o} g_o (xᵀq_so)² = 2 Σ_{s,o} g_o (xᵀq_so) q_so
                Tensor weighted = u[k].view(-1, rank[k], bias[k].length).mul(g[k].unsqueeze(1))
                        .view(-1, rank[k] * bias[k].length);
                grad = grad.add(weighted.mm(t(quadratic[k]).t()).mul(Tensors.scalar(2.0)));
            }
            return Tensors.toRows(grad);
        }
    }

    private static Tensor celuDerivative(Tensor a) {
        // celu'(u) = 1 for u > 0, exp(u) otherwise (α = 1)
        return torch.where(a.gt(Tensors.scalar(0.0)), torch.ones_like(a), a.exp());
    }

    private static Tensor t(double[][] rows) {
        return Tensors.fromRows(rows, DType.FLOAT64);
    }

    private static NdArray require(Map<String, NdArray> state, String key, String file) {
        NdArray array = state.get(key);
        if (array == null) {
            throw new InvalidInputException(file + ": missing array '" + key + "' (not a DenseICNN state dict)");
        }
        return array;
    }
}
