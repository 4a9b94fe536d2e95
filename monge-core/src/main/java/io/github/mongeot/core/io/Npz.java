package io.github.mongeot.core.io;

import io.github.mongeot.core.data.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npz}: a zip archive of {@code .npy} entries named {@code KEY.npy}, stored
 * ({@code np.savez}) or deflated ({@code np.savez_compressed}); both are read. We write stored
 * entries, as {@code np.savez} does.
 */
final class Npz {
    private static final String SUFFIX = ".npy";

    private Npz() {
    }

    /** The array keys in archive order. */
    static List<String> keys(Path file, String source) {
        try (ZipFile zip = open(file, source)) {
            return keys(zip);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
    }

    /** Every array, by key, in archive order. */
    static Map<String, NdArray> readAll(Path file, String source) {
        try (ZipFile zip = open(file, source)) {
            Map<String, NdArray> arrays = new LinkedHashMap<>();
            for (String key : keys(zip)) {
                arrays.put(key, readEntry(zip, key, source));
            }
            return arrays;
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
    }

    /**
     * The array named {@code key}; when {@code key} is null, the only array in the archive, else
     * the one named {@code x}, else {@code arr_0} (what {@code np.savez(f, a)} names a lone array).
     */
    static NdArray read(Path file, String source, String key) {
        try (ZipFile zip = open(file, source)) {
            List<String> keys = keys(zip);
            if (keys.isEmpty()) {
                throw new InvalidInputException(source + ": empty .npz archive (no arrays)");
            }
            String chosen = key;
            if (chosen == null) {
                chosen = keys.size() == 1 ? keys.get(0)
                        : keys.contains("x") ? "x"
                        : keys.contains("arr_0") ? "arr_0"
                        : null;
                if (chosen == null) {
                    throw new InvalidInputException(source + ": holds several arrays " + keys
                            + "; choose one with " + source + ":KEY");
                }
            } else if (!keys.contains(chosen)) {
                throw new InvalidInputException(source + ": no array named '" + chosen + "' (available: "
                        + String.join(", ", keys) + ")");
            }
            return readEntry(zip, chosen, source);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
    }

    /** Writes the arrays as stored (uncompressed) {@code KEY.npy} entries. */
    static void write(Map<String, NdArray> arrays, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, NdArray> entry : arrays.entrySet()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Npy.write(entry.getValue(), bytes);
            byte[] content = bytes.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(content);
            ZipEntry zipEntry = new ZipEntry(entry.getKey() + SUFFIX);
            zipEntry.setMethod(ZipEntry.STORED);
            zipEntry.setSize(content.length);
            zipEntry.setCompressedSize(content.length);
            zipEntry.setCrc(crc.getValue());
            zipEntry.setTime(0); // reproducible bytes
            zip.putNextEntry(zipEntry);
            zip.write(content);
            zip.closeEntry();
        }
        zip.finish();
    }

    static void checkKey(String target, String key) {
        if (key.isEmpty() || key.contains("/") || key.contains("\\") || key.contains(":")) {
            throw new InvalidInputException(target + ": bad .npz key '" + key + "' (no empty keys, '/', '\\' or ':')");
        }
    }

    private static ZipFile open(Path file, String source) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new InvalidInputException(source + ": not a valid .npz (zip) file (" + e.getMessage() + ")", e);
        }
    }

    private static List<String> keys(ZipFile zip) {
        List<String> keys = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.endsWith(SUFFIX)) {
                keys.add(name.substring(0, name.length() - SUFFIX.length()));
            }
        }
        return keys;
    }

    private static NdArray readEntry(ZipFile zip, String key, String source) throws IOException {
        ZipEntry entry = zip.getEntry(key + SUFFIX);
        if (entry.getSize() > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(source + ": array '" + key + "' is too large (> 2 GB) to read");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (ZipException | java.io.EOFException e) {
            throw new InvalidInputException(source + ": corrupt .npz entry '" + key + "' (" + e.getMessage() + ")", e);
        }
        return Npy.read(source + ":" + key, bytes);
    }
}
