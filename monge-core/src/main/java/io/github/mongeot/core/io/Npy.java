package io.github.mongeot.core.io;

import io.github.mongeot.core.data.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numpy {@code .npy} format (numpy's {@code format.py} / NEP 1): a magic string, a version,
 * a Python-literal header dict ({@code descr}, {@code fortran_order}, {@code shape}) and the raw
 * values. Reads versions 1.0, 2.0 and 3.0, dtypes float64/float32/integers/bool in either byte
 * order, C or Fortran order; writes little-endian float64, C order, version 1.0, laid out byte for
 * byte as numpy 1.24's {@code np.save} does.
 */
final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the start of the data to this many bytes. */
    private static final int ALIGN = 64;
    /** numpy leaves room in the header for the leading axis to grow to this many digits. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*(['\"])(.*?)\\1");
    private static final Pattern DESCR_ANY = Pattern.compile("['\"]descr['\"]\\s*:\\s*(\\S)");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Parses a whole {@code .npy} file; {@code source} names it in error messages. */
    static NdArray read(String source, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < MAGIC.length + 2) {
            throw bad(source, bytes.length == 0 ? "empty file" : "truncated .npy header (" + bytes.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw bad(source, "not a .npy file (no \\x93NUMPY magic string)");
            }
        }
        int major = bytes[6] & 0xff;
        int minor = bytes[7] & 0xff;
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerStart = 10;
            requireBytes(source, bytes, headerStart);
            headerLength = buffer.getShort(8) & 0xffff;
        } else if (major == 2 || major == 3) {
            headerStart = 12;
            requireBytes(source, bytes, headerStart);
            headerLength = buffer.getInt(8) & 0xffffffffL;
        } else {
            throw bad(source, "unsupported .npy version " + major + "." + minor + " (supported: 1.0, 2.0, 3.0)");
        }
        long dataStart = headerStart + headerLength;
        if (dataStart > bytes.length) {
            throw bad(source, "truncated .npy header (header says " + headerLength + " bytes, file has "
                    + (bytes.length - headerStart) + " after the preamble)");
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header parsed = parseHeader(source, header);
        long expected = NdArray.sizeOf(parsed.shape) * parsed.dtype.size;
        long found = bytes.length - dataStart;
        if (found < expected) {
            throw bad(source, "truncated .npy file: shape " + NdArray.shapeString(parsed.shape) + " of "
                    + parsed.dtype.name + " needs " + expected + " bytes of data, found " + found);
        }
        if (found > expected) {
            throw bad(source, "corrupt .npy file: " + (found - expected) + " unexpected bytes after the data of shape "
                    + NdArray.shapeString(parsed.shape));
        }
        double[] values = decode(parsed.dtype, buffer.order(parsed.order).position((int) dataStart),
                (int) NdArray.sizeOf(parsed.shape));
        if (parsed.fortranOrder) {
            values = fortranToC(values, parsed.shape);
        }
        return NdArray.wrap(parsed.shape, values);
    }

    /** Writes {@code array} as little-endian float64 in C order, version 1.0. */
    static void write(NdArray array, OutputStream out) throws IOException {
        out.write(header(array.shape()));
        double[] values = array.dataUnsafe();
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = chunk.capacity() / Double.BYTES;
        for (int start = 0; start < values.length; start += perChunk) {
            int count = Math.min(perChunk, values.length - start);
            chunk.clear();
            chunk.asDoubleBuffer().put(values, start, count);
            out.write(chunk.array(), 0, count * Double.BYTES);
        }
    }

    /** The preamble and header numpy 1.24 writes for a float64 C-order array of this shape. */
    static byte[] header(int[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': ")
                .append(NdArray.shapeString(shape)).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length())));
        }
        int textLength = dict.length() + 1; // + the final newline
        int padding = ALIGN - (MAGIC.length + 2 + 2 + textLength) % ALIGN;
        dict.append(" ".repeat(padding)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (text.length > 0xffff) {
            throw new IllegalArgumentException("shape " + NdArray.shapeString(shape) + " needs a version 2.0 header");
        }
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return header.array();
    }

    private static Header parseHeader(String source, String header) {
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            Matcher any = DESCR_ANY.matcher(header);
            if (any.find()) {
                throw bad(source, "unsupported dtype (structured or record array); supported: " + DType.SUPPORTED);
            }
            throw bad(source, "corrupt .npy header (no 'descr'): " + header.trim());
        }
        Matcher fortran = FORTRAN.matcher(header);
        if (!fortran.find()) {
            throw bad(source, "corrupt .npy header (no 'fortran_order'): " + header.trim());
        }
        Matcher shapeText = SHAPE.matcher(header);
        if (!shapeText.find()) {
            throw bad(source, "corrupt .npy header (no 'shape'): " + header.trim());
        }
        List<Integer> extents = new ArrayList<>();
        for (String part : shapeText.group(1).split(",")) {
            String digits = part.trim();
            if (digits.endsWith("L")) { // Python 2 long literals
                digits = digits.substring(0, digits.length() - 1);
            }
            if (digits.isEmpty()) {
                continue;
            }
            try {
                extents.add(Integer.parseInt(digits));
            } catch (NumberFormatException e) {
                throw bad(source, "corrupt .npy header (shape (" + shapeText.group(1) + ")): " + header.trim());
            }
        }
        int[] shape = extents.stream().mapToInt(Integer::intValue).toArray();
        try {
            NdArray.sizeOf(shape);
        } catch (IllegalArgumentException e) {
            throw bad(source, e.getMessage());
        }
        String code = descr.group(2);
        DType dtype = DType.parse(code);
        if (dtype == null) {
            throw bad(source, "unsupported dtype '" + code + "' (supported: " + DType.SUPPORTED + ")");
        }
        ByteOrder order = code.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN
                : code.charAt(0) == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
        return new Header(dtype, order, "True".equals(fortran.group(1)), shape);
    }

    private static double[] decode(DType dtype, ByteBuffer data, int count) {
        double[] values = new double[count];
        switch (dtype) {
            case F8:
                data.asDoubleBuffer().get(values);
                break;
            case F4:
                for (int i = 0; i < count; i++) {
                    values[i] = data.getFloat();
                }
                break;
            case I8:
                for (int i = 0; i < count; i++) {
                    values[i] = data.getLong();
                }
                break;
            case U8:
                for (int i = 0; i < count; i++) {
                    long v = data.getLong();
                    values[i] = v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
                }
                break;
            case I4:
                for (int i = 0; i < count; i++) {
                    values[i] = data.getInt();
                }
                break;
            case U4:
                for (int i = 0; i < count; i++) {
                    values[i] = data.getInt() & 0xffffffffL;
                }
                break;
            case I2:
                for (int i = 0; i < count; i++) {
                    values[i] = data.getShort();
                }
                break;
            case U2:
                for (int i = 0; i < count; i++) {
                    values[i] = data.getShort() & 0xffff;
                }
                break;
            case I1:
                for (int i = 0; i < count; i++) {
                    values[i] = data.get();
                }
                break;
            case U1:
            case BOOL:
                for (int i = 0; i < count; i++) {
                    values[i] = data.get() & 0xff;
                }
                break;
            default:
                throw new AssertionError(dtype);
        }
        return values;
    }

    /** Reorders column-major values (first index fastest) into row-major order. */
    static double[] fortranToC(double[] values, int[] shape) {
        int rank = shape.length;
        if (rank < 2) {
            return values;
        }
        long[] strides = new long[rank]; // column-major strides
        long stride = 1;
        for (int axis = 0; axis < rank; axis++) {
            strides[axis] = stride;
            stride *= shape[axis];
        }
        double[] out = new double[values.length];
        int[] index = new int[rank];
        long source = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = values[(int) source];
            // advance the row-major counter (last axis fastest), keeping the column-major offset in step
            for (int axis = rank - 1; axis >= 0; axis--) {
                if (++index[axis] < shape[axis]) {
                    source += strides[axis];
                    break;
                }
                source -= strides[axis] * (shape[axis] - 1L);
                index[axis] = 0;
            }
        }
        return out;
    }

    private static void requireBytes(String source, byte[] bytes, int count) {
        if (bytes.length < count) {
            throw bad(source, "truncated .npy header (" + bytes.length + " bytes)");
        }
    }

    private static InvalidInputException bad(String source, String reason) {
        return new InvalidInputException(source + ": " + reason);
    }

    private static final class Header {
        final DType dtype;
        final ByteOrder order;
        final boolean fortranOrder;
        final int[] shape;

        Header(DType dtype, ByteOrder order, boolean fortranOrder, int[] shape) {
            this.dtype = dtype;
            this.order = order;
            this.fortranOrder = fortranOrder;
            this.shape = shape;
        }
    }

    /** The element types we read, by numpy type code (kind + item size). */
    enum DType {
        F8("f8", "float64", 8), F4("f4", "float32", 4),
        I8("i8", "int64", 8), I4("i4", "int32", 4), I2("i2", "int16", 2), I1("i1", "int8", 1),
        U8("u8", "uint64", 8), U4("u4", "uint32", 4), U2("u2", "uint16", 2), U1("u1", "uint8", 1),
        BOOL("b1", "bool", 1);

        static final String SUPPORTED = "float64, float32, int64/32/16/8, uint64/32/16/8, bool";

        final String code;
        final String name;
        final int size;

        DType(String code, String name, int size) {
            this.code = code;
            this.name = name;
            this.size = size;
        }

        /** A descr such as {@code <f8}, {@code >i4}, {@code |u1}; null when not supported. */
        static DType parse(String descr) {
            if (descr.length() < 2 || "<>|=".indexOf(descr.charAt(0)) < 0) {
                return null;
            }
            String code = descr.substring(1);
            for (DType dtype : values()) {
                if (dtype.code.equals(code)) {
                    return dtype;
                }
            }
            return null;
        }
    }
}
