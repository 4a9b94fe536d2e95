package io.github.mongeot.core.engine;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/** Conversions between Java arrays and libtorch tensors, and a few terse constructors. */
public final class Tensors {
    private Tensors() {
    }

    public static TensorOptions options(DType dtype) {
        Engine.init();
        return new TensorOptions().dtype(new ScalarTypeOptional(dtype.scalarType()));
    }

    /** An n × d tensor (copied) from row-major rows of equal length. */
    public static Tensor fromRows(double[][] rows, DType dtype) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " columns, expected " + d);
            }
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return fromFlat(flat, new long[] {n, d}, dtype);
    }

    /** A vector tensor (copied). */
    public static Tensor fromVector(double[] values, DType dtype) {
        return fromFlat(values, new long[] {values.length}, dtype);
    }

    /** A tensor of the given shape (copied) from row-major values. */
    public static Tensor fromFlat(double[] values, long[] shape, DType dtype) {
        Engine.init();
        try (DoublePointer data = new DoublePointer(values)) {
            Tensor view = torch.from_blob(data, shape, options(DType.FLOAT64));
            return dtype == DType.FLOAT64 ? view.clone() : view.to(dtype.scalarType());
        }
    }

    public static Tensor scalarTensor(double value, DType dtype) {
        return torch.full(new long[] {}, new Scalar(value), options(dtype));
    }

    /** Row-major values of any tensor, as float64. */
    public static double[] toFlat(Tensor tensor) {
        Tensor t = tensor.detach().to(DType.FLOAT64.scalarType()).contiguous();
        long numel = t.numel();
        double[] out = new double[Math.toIntExact(numel)];
        if (numel > 0) {
            t.data_ptr_double().get(out);
        }
        return out;
    }

    public static double[] toVector(Tensor tensor) {
        return toFlat(tensor);
    }

    /** The rows of an n × d tensor. */
    public static double[][] toRows(Tensor tensor) {
        if (tensor.dim() != 2) {
            throw new IllegalArgumentException("expected a 2-D tensor, got " + tensor.dim() + " dimensions");
        }
        int n = (int) tensor.size(0);
        int d = (int) tensor.size(1);
        double[] flat = toFlat(tensor);
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, rows[i], 0, d);
        }
        return rows;
    }

    public static double item(Tensor tensor) {
        return tensor.item_double();
    }

    public static Scalar scalar(double value) {
        return new Scalar(value);
    }
}
