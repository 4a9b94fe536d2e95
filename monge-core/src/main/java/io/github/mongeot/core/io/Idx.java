package io.github.mongeot.core.io;

import io.github.mongeot.core.data.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format of the MNIST family (LeCun et al.; also Fashion-MNIST): two zero bytes, a type
 * byte (0x08 unsigned byte, 0x09 signed byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double), the
 * number of dimensions, each dimension as a big-endian 32-bit integer, then the values big-endian
 * in row-major order. Gzip-compressed files (.gz, as Debian ships Fashion-MNIST) are recognised by
 * their magic bytes.
 */
public final class Idx {
    private Idx() {
    }

    /** The whole array (e.g. n × 28 × 28 images with values 0..255, or n labels). */
    public static NdArray read(Path file) {
        return read(file, Integer.MAX_VALUE);
    }

    /** The first {@code maxItems} entries along the first dimension (all when there are fewer). */
    public static NdArray read(Path file, int maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be >= 1, got " + maxItems);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw)) : raw;
            return read(file.toString(), new DataInputStream(in), maxItems);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (EOFException e) {
            throw new InvalidInputException(file + ": truncated IDX file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read IDX file (" + e.getMessage() + ")");
        }
    }

    private static NdArray read(String source, DataInputStream in, int maxItems) throws IOException {
        int zero = in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int dims = in.readUnsignedByte();
        if (zero != 0 || dims < 1) {
            throw new InvalidInputException(source + ": not an IDX file (bad magic number)");
        }
        int[] shape = new int[dims];
        long size = 1;
        for (int i = 0; i < dims; i++) {
            shape[i] = in.readInt();
            if (shape[i] < 0) {
                throw new InvalidInputException(source + ": negative IDX dimension " + shape[i]);
            }
            if (i > 0) {
                size *= shape[i];
            }
        }
        shape[0] = Math.min(shape[0], maxItems);
        size *= shape[0];
        if (size > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(source + ": IDX array too large (" + size + " values)");
        }
        double[] data = new double[(int) size];
        for (int i = 0; i < data.length; i++) {
            data[i] = switch (type) {
                case 0x08 -> in.readUnsignedByte();
                case 0x09 -> in.readByte();
                case 0x0B -> in.readShort();
                case 0x0C -> in.readInt();
                case 0x0D -> in.readFloat();
                case 0x0E -> in.readDouble();
                default -> throw new InvalidInputException(source + ": unknown IDX value type 0x" + Integer.toHexString(type));
            };
        }
        return NdArray.wrap(shape, data);
    }
}
