package io.github.mongeot.nn.path;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * Batched spline paths γ(t) = spline_φ(t) + (1 − t)x + t·y on fixed times (Pooladian et al. 2024,
 * appendix A.2): the endpoints hold exactly for every φ and φ = 0 is the straight line. One path
 * per row: φ is b × N × d (N knots), x and y are b × d, the points b × T × d come from one batched
 * matmul with the precomputed T × N evaluation matrix.
 */
public final class SplinePaths {
    private final CubicSplineBasis basis;
    private final double[] times;
    private final DType dtype;
    private final Tensor evaluation; // T × N
    private final Tensor t;          // T × 1
    private final Tensor oneMinusT;  // T × 1

    public SplinePaths(CubicSplineBasis basis, double[] times, DType dtype) {
        this.basis = basis;
        this.times = times.clone();
        this.dtype = dtype;
        double[][] s = basis.evaluationMatrix(times, 0);
        double[] flat = new double[times.length * basis.knots()];
        double[] rest = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            System.arraycopy(s[i], 0, flat, i * basis.knots(), basis.knots());
            rest[i] = 1 - times[i];
        }
        try (PointerScope scope = new PointerScope()) {
            evaluation = keep(Tensors.fromFlat(flat, new long[] {times.length, basis.knots()}, dtype));
            t = keep(Tensors.fromFlat(times, new long[] {times.length, 1}, dtype));
            oneMinusT = keep(Tensors.fromFlat(rest, new long[] {times.length, 1}, dtype));
        }
    }

    /** Paths on {@code count} equally spaced times in [0, 1]. */
    public static SplinePaths uniform(int knots, int count, DType dtype) {
        return new SplinePaths(CubicSplineBasis.of(knots), CubicSplineBasis.uniformTimes(count), dtype);
    }

    private static Tensor keep(Tensor tensor) {
        tensor.retainReference();
        return tensor;
    }

    public int knots() {
        return basis.knots();
    }

    public int steps() {
        return times.length;
    }

    public double[] times() {
        return times.clone();
    }

    public CubicSplineBasis basis() {
        return basis;
    }

    public DType dtype() {
        return dtype;
    }

    /** The path points, b × T × d, from φ (b × N × d, or b × N·d), x and y (b × d). */
    public Tensor points(Tensor phi, Tensor x, Tensor y) {
        long b = x.size(0);
        long d = x.size(1);
        if (y.dim() != 2 || y.size(0) != b || y.size(1) != d) {
            throw new InvalidInputException("path ends: x is " + b + " × " + d + " but y is " + y.size(0) + " × " + y.size(1));
        }
        Tensor p = phi.dim() == 2 ? phi.reshape(b, basis.knots(), d) : phi;
        if (p.size(0) != b || p.size(1) != basis.knots() || p.size(2) != d) {
            throw new InvalidInputException("spline parameters must be " + b + " × " + basis.knots() + " × " + d);
        }
        Tensor line = oneMinusT.mul(x.unsqueeze(1)).add(t.mul(y.unsqueeze(1))); // b × T × d
        return evaluation.matmul(p).add(line);
    }
}
