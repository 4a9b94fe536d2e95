package io.github.mongeot.core.io;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A named, shaped array of floating-point values as stored in a safetensors file: plain Java data
 * (row-major {@code double[]}) so code without tensors can use it. {@code dtype} is the storage
 * precision (F32 or F64); F32 values are kept exactly in the {@code double[]}.
 *
 * @param name  tensor name (non-empty)
 * @param dtype storage precision in the file
 * @param shape dimensions (empty for a scalar)
 * @param data  row-major values, length = product of {@code shape}
 */
public record SafetensorsArray(String name, DType dtype, long[] shape, double[] data) {

    public SafetensorsArray {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("tensor name must be non-empty");
        }
        if (dtype == null) {
            throw new InvalidInputException("tensor '" + name + "': dtype is missing");
        }
        shape = shape.clone();
        long numel = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new InvalidInputException("tensor '" + name + "': negative dimension in shape " + Arrays.toString(shape));
            }
            numel = Math.multiplyExact(numel, s);
        }
        if (data.length != numel) {
            throw new InvalidInputException("tensor '" + name + "': shape " + Arrays.toString(shape) + " needs "
                    + numel + " values, got " + data.length);
        }
        if (dtype == DType.FLOAT32) {
            data = data.clone();
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) data[i]; // what the file will hold
            }
        } else {
            data = data.clone();
        }
    }

    /** A vector (shape [n]). */
    public static SafetensorsArray ofVector(String name, double[] values, DType dtype) {
        return new SafetensorsArray(name, dtype, new long[] {values.length}, values);
    }

    /** A matrix (shape [rows, cols]) from equal-length rows. */
    public static SafetensorsArray ofRows(String name, double[][] rows, DType dtype) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new InvalidInputException("tensor '" + name + "': row " + i + " has " + rows[i].length
                        + " values, expected " + d);
            }
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return new SafetensorsArray(name, dtype, new long[] {n, d}, flat);
    }

    /** A scalar (shape []). */
    public static SafetensorsArray ofScalar(String name, double value, DType dtype) {
        return new SafetensorsArray(name, dtype, new long[0], new double[] {value});
    }

    /** Copies a float32 or float64 libtorch tensor (any shape, any layout; detached). */
    public static SafetensorsArray fromTensor(String name, Tensor tensor) {
        ScalarType type = tensor.scalar_type().intern(); // JavaCPP returns non-interned enum values
        DType dtype;
        if (type == ScalarType.Float) {
            dtype = DType.FLOAT32;
        } else if (type == ScalarType.Double) {
            dtype = DType.FLOAT64;
        } else {
            throw new InvalidInputException("tensor '" + name + "': only float32 and float64 tensors can be saved, got " + type);
        }
        long[] shape = new long[(int) tensor.dim()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = tensor.size(i);
        }
        return new SafetensorsArray(name, dtype, shape, Tensors.toFlat(tensor));
    }

    /** A new libtorch tensor (CPU) with this array's shape and dtype. */
    public Tensor toTensor() {
        return Tensors.fromFlat(data, shape, dtype);
    }

    /** A new libtorch tensor (CPU) converted to the given dtype. */
    public Tensor toTensor(DType target) {
        return Tensors.fromFlat(data, shape, target);
    }

    /** Number of values. */
    public int numel() {
        return data.length;
    }

    /** Bytes this array takes in the file. */
    public long byteLength() {
        return (long) data.length * bytesPer(dtype);
    }

    /** The rows of a 2-D array. */
    public double[][] rows() {
        if (shape.length != 2) {
            throw new InvalidInputException("tensor '" + name + "' has shape " + Arrays.toString(shape) + ", expected 2 dimensions");
        }
        int n = (int) shape[0];
        int d = (int) shape[1];
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data, i * d, rows[i], 0, d);
        }
        return rows;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public double[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SafetensorsArray other && name.equals(other.name) && dtype == other.dtype
                && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SafetensorsArray[" + name + ", " + Safetensors.dtypeName(dtype) + ", " + Arrays.toString(shape) + "]";
    }

    static int bytesPer(DType dtype) {
        return dtype == DType.FLOAT32 ? 4 : 8;
    }

    /** Shared read-only access for the writer (no copy). */
    double[] values() {
        return data;
    }
}
