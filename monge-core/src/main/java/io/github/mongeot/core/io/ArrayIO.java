package io.github.mongeot.core.io;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.Validation;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes arrays of doubles as {@code .npy}, {@code .npz} or CSV, chosen by the file's
 * extension (see {@link ArrayFormat}). Points are one row per point: an n × d array. Paths are
 * n × K × d, weights a vector of n.
 *
 * <p><b>Choosing an array in a {@code .npz}:</b> write {@code FILE.npz:KEY} (e.g.
 * {@code data.npz:source}). Without a key, the reader takes the archive's only array, else the
 * one named {@code x}, else {@code arr_0} (what {@code np.savez(f, a)} names a lone array), else
 * fails listing the keys. If a file literally named {@code FILE.npz:KEY} exists, it is read as a
 * file. Writing to {@code FILE.npz} stores one array under the key {@code arr_0} (or under KEY for
 * {@code FILE.npz:KEY}), replacing the whole file; {@link #writeNpz} writes several.
 *
 * <p><b>Errors</b> are {@link InvalidInputException}s with a one-line message naming the file
 * (and line, row or column where it applies): missing or unreadable file, truncated or corrupt
 * {@code .npy}, unsupported dtype, ragged CSV row, non-numeric cell, empty file. The readers of
 * points, paths and vectors also reject NaN and infinite values, naming the row (1-based, the
 * point's index, not counting a CSV header line); {@link #readArray} returns values as they are.
 *
 * <p>Writes are atomic ({@link AtomicFiles}): a temporary file in the same directory, then a move.
 * {@code .npy} files are little-endian float64 in C order, byte-identical to numpy 1.24's
 * {@code np.save}; CSV values have 17 significant digits (exact float64 round trip).
 */
public final class ArrayIO {
    /** The key {@link #write} uses for a single array in a {@code .npz} (as {@code np.savez(f, a)}). */
    public static final String DEFAULT_NPZ_KEY = "arr_0";

    private ArrayIO() {
    }

    /** An array of any rank, values as stored (NaN/Inf not checked). */
    public static NdArray readArray(Path path) {
        Location location = Location.of(path);
        ArrayFormat format = ArrayFormat.of(location.file);
        checkReadable(location);
        switch (format) {
            case NPY:
                return Npy.read(location.name, readBytes(location));
            case NPZ:
                return Npz.read(location.file, location.fileName(), location.key);
            case CSV:
                return readCsv(location);
            default:
                throw new AssertionError(format);
        }
    }

    /**
     * Points, one row per point (n × d), checked non-empty and finite. A 1-D array of n values is
     * read as n points in R^1 (n × 1).
     */
    public static double[][] read(Path path) {
        NdArray array = readArray(path);
        double[][] rows;
        if (array.rank() == 2) {
            rows = array.toRows();
        } else if (array.rank() == 1) {
            rows = new double[array.size()][1];
            for (int i = 0; i < rows.length; i++) {
                rows[i][0] = array.get(i);
            }
        } else {
            throw new InvalidInputException(path + ": expected points as a 2-D array (one row per point), got shape "
                    + array.shapeString());
        }
        Validation.checkPoints(path.toString(), rows);
        return rows;
    }

    /**
     * A vector of n values (e.g. weights), checked non-empty and finite: a 1-D array, or a 2-D
     * array with one column (a one-column CSV) or one row.
     */
    public static double[] readVector(Path path) {
        NdArray array = readArray(path);
        boolean vector = array.rank() == 1
                || array.rank() == 2 && (array.dim(1) == 1 || array.dim(0) == 1);
        if (!vector) {
            throw new InvalidInputException(path + ": expected a vector (1-D array, or one row or column), got shape "
                    + array.shapeString());
        }
        double[] values = array.data();
        if (values.length == 0) {
            throw new InvalidInputException(path + ": empty vector (need at least one value)");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidInputException(path + ": value " + (i + 1) + " is " + values[i] + " (NaN/Inf not allowed)");
            }
        }
        return values;
    }

    /** A 3-D array n × K × d (e.g. n paths of K points in R^d), checked non-empty and finite. */
    public static double[][][] readPaths(Path path) {
        NdArray array = readArray(path);
        if (array.rank() != 3) {
            throw new InvalidInputException(path + ": expected a 3-D array (n × K × d), got shape " + array.shapeString());
        }
        if (array.size() == 0) {
            throw new InvalidInputException(path + ": empty array of shape " + array.shapeString());
        }
        int k = array.dim(1);
        int d = array.dim(2);
        for (int i = 0; i < array.size(); i++) {
            if (!Double.isFinite(array.get(i))) {
                throw new InvalidInputException(path + ": item " + (i / (k * d) + 1) + ", row " + (i / d % k + 1)
                        + ", column " + (i % d + 1) + " is " + array.get(i) + " (NaN/Inf not allowed)");
            }
        }
        return array.toCube();
    }

    /** The array keys of a {@code .npz} file, in archive order. */
    public static List<String> npzKeys(Path path) {
        Location location = Location.of(path);
        requireNpz(location.file);
        checkReadable(location);
        return Npz.keys(location.file, location.fileName());
    }

    /** Every array of a {@code .npz} file, by key, in archive order. */
    public static Map<String, NdArray> readNpz(Path path) {
        Location location = Location.of(path);
        requireNpz(location.file);
        checkReadable(location);
        return Npz.readAll(location.file, location.fileName());
    }

    /** Writes points (n × d). */
    public static void write(Path path, double[][] rows) {
        writeArray(path, toArray(path, () -> NdArray.of(rows)));
    }

    /** Writes a vector (a 1-D array; in CSV one value per line). */
    public static void writeVector(Path path, double[] values) {
        writeArray(path, NdArray.of(values));
    }

    /** Writes paths (n × K × d); not to CSV. */
    public static void writePaths(Path path, double[][][] paths) {
        writeArray(path, toArray(path, () -> NdArray.of(paths)));
    }

    /** Writes an array of any rank (CSV: at most 2-D). */
    public static void writeArray(Path path, NdArray array) {
        Location location = Location.forWriting(path);
        ArrayFormat format = ArrayFormat.of(location.file);
        if (location.key != null && format != ArrayFormat.NPZ) {
            throw new InvalidInputException(path + ": a ':KEY' suffix only applies to .npz files");
        }
        switch (format) {
            case NPY:
                AtomicFiles.write(location.file, out -> Npy.write(array, out));
                break;
            case NPZ:
                String key = location.key == null ? DEFAULT_NPZ_KEY : location.key;
                Npz.checkKey(path.toString(), key);
                Map<String, NdArray> single = Map.of(key, array);
                AtomicFiles.write(location.file, out -> Npz.write(single, out));
                break;
            case CSV:
                if (array.rank() > 2) {
                    throw new InvalidInputException(path + ": CSV holds 1-D or 2-D arrays; write shape "
                            + array.shapeString() + " as .npy or .npz");
                }
                AtomicFiles.write(location.file, out -> Csv.write(path.toString(), array, out));
                break;
            default:
                throw new AssertionError(format);
        }
    }

    /** Writes several named arrays to one {@code .npz} file (stored entries, in map order). */
    public static void writeNpz(Path path, Map<String, NdArray> arrays) {
        requireNpz(path);
        if (arrays.isEmpty()) {
            throw new InvalidInputException(path + ": no arrays to write");
        }
        Map<String, NdArray> copy = new LinkedHashMap<>(arrays);
        copy.keySet().forEach(key -> Npz.checkKey(path.toString(), key));
        AtomicFiles.write(path, out -> Npz.write(copy, out));
    }

    private static NdArray toArray(Path path, java.util.function.Supplier<NdArray> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path + ": cannot write a ragged array (" + e.getMessage() + ")", e);
        }
    }

    private static void requireNpz(Path file) {
        if (ArrayFormat.of(file) != ArrayFormat.NPZ) {
            throw new InvalidInputException(file + ": not a .npz file");
        }
    }

    private static void checkReadable(Location location) {
        Path file = location.file;
        if (!Files.exists(file)) {
            throw new InvalidInputException(location.fileName() + ": file not found");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(location.fileName() + ": is a directory, not an array file");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInputException(location.fileName() + ": cannot read (permission denied)");
        }
        try {
            if (Files.size(file) == 0) {
                throw new InvalidInputException(location.fileName() + ": empty file");
            }
        } catch (IOException e) {
            throw new InvalidInputException(location.fileName() + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
    }

    private static byte[] readBytes(Location location) {
        try {
            if (Files.size(location.file) > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(location.name + ": too large (> 2 GB) to read into one Java array");
            }
            return Files.readAllBytes(location.file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(location.name + ": file not found", e);
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(location.name + ": cannot read (permission denied)", e);
        } catch (IOException e) {
            throw new InvalidInputException(location.name + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
    }

    private static NdArray readCsv(Location location) {
        // Reject bytes that are not UTF-8 (e.g. a binary file named .csv) instead of reading garbage.
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(location.file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            return Csv.read(location.name, new java.io.BufferedReader(reader, 1 << 16));
        } catch (IOException e) {
            throw new InvalidInputException(location.name + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
    }

    /** A file and, for {@code FILE.npz:KEY}, the key. */
    private static final class Location {
        final Path file;
        final String key;
        final String name;

        private Location(Path file, String key, String name) {
            this.file = file;
            this.key = key;
            this.name = name;
        }

        String fileName() {
            return file.toString();
        }

        static Location of(Path path) {
            if (Files.exists(path)) {
                return new Location(path, null, path.toString());
            }
            return split(path);
        }

        static Location forWriting(Path path) {
            return split(path);
        }

        private static Location split(Path path) {
            String text = path.toString();
            int colon = text.lastIndexOf(':');
            if (colon > 0) {
                String file = text.substring(0, colon);
                String key = text.substring(colon + 1);
                if (file.toLowerCase(Locale.ROOT).endsWith(".npz") && !key.isEmpty() && key.indexOf('/') < 0) {
                    return new Location(Path.of(file), key, text);
                }
            }
            return new Location(path, null, text);
        }
    }
}
