package io.github.mongeot.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format (Hugging Face): an 8-byte little-endian header length
 * N, a UTF-8 JSON header of N bytes
 * {@code {"name": {"dtype": "F64", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}}
 * (padded with spaces to a multiple of 8), then the raw little-endian data, offsets relative to
 * the start of the data section. Only F32 and F64 arrays are supported. Files are read into
 * memory whole (fine for models; the format caps a single file at 2 GiB here).
 */
public final class Safetensors {
    /** Largest header accepted, as in the reference implementation (100 MB). */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {
    }

    /** Writes the arrays and metadata to {@code path} atomically (temp file + fsync + rename). */
    public static void write(Path path, Collection<SafetensorsArray> arrays, Map<String, String> metadata) {
        writeAtomically(path, toBytes(arrays, metadata));
    }

    /** Reads a safetensors file; a damaged or unsupported file gives a one-line {@link InvalidInputException}. */
    public static SafetensorsContent read(Path path) {
        return fromBytes(readAll(path), path.toString());
    }

    /** The whole file as bytes. */
    public static byte[] toBytes(Collection<SafetensorsArray> arrays, Map<String, String> metadata) {
        return toBytes(arrays, metadata, dataSection(arrays));
    }

    /** The raw data section (arrays concatenated, little-endian) that {@link #toBytes} writes. */
    public static byte[] dataSection(Collection<SafetensorsArray> arrays) {
        long total = 0;
        for (SafetensorsArray a : arrays) {
            total += a.byteLength();
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new InvalidInputException("tensors too large for one file: " + total + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        for (SafetensorsArray a : arrays) {
            double[] values = a.values();
            if (a.dtype() == DType.FLOAT64) {
                buffer.asDoubleBuffer().put(values);
                buffer.position(buffer.position() + 8 * values.length);
            } else {
                java.nio.FloatBuffer floats = buffer.asFloatBuffer();
                for (double v : values) {
                    floats.put((float) v);
                }
                buffer.position(buffer.position() + 4 * values.length);
            }
        }
        return buffer.array();
    }

    static byte[] toBytes(Collection<SafetensorsArray> arrays, Map<String, String> metadata, byte[] data) {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA_KEY);
            metadata.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new InvalidInputException("safetensors metadata keys and values must be non-null strings");
                }
                meta.put(k, v);
            });
        }
        long offset = 0;
        for (SafetensorsArray a : arrays) {
            if (a.name().equals(METADATA_KEY) || header.has(a.name())) {
                throw new InvalidInputException("tensor name '" + a.name() + "' is reserved or used twice");
            }
            ObjectNode entry = header.putObject(a.name());
            entry.put("dtype", dtypeName(a.dtype()));
            ArrayNode shape = entry.putArray("shape");
            for (long s : a.shape()) {
                shape.add(s);
            }
            ArrayNode offsets = entry.putArray("data_offsets");
            offsets.add(offset);
            offset += a.byteLength();
            offsets.add(offset);
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int padded = (json.length + 7) / 8 * 8; // align the data section to 8 bytes, as the reference writer does
        ByteBuffer out = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        out.put(data);
        return out.array();
    }

    /** Parses safetensors bytes; {@code source} names the input in error messages. */
    public static SafetensorsContent fromBytes(byte[] bytes, String source) {
        if (bytes.length < 8) {
            throw bad(source, "truncated: " + bytes.length + " bytes, too short for a safetensors header");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw bad(source, "not a safetensors file (header length " + headerLength + ")");
        }
        if (8 + headerLength > bytes.length) {
            throw bad(source, "truncated: header needs " + headerLength + " bytes, file has " + (bytes.length - 8));
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw bad(source, "damaged header: not valid JSON");
        }
        if (header == null || !header.isObject()) {
            throw bad(source, "damaged header: not a JSON object");
        }
        int dataStart = 8 + (int) headerLength;
        int dataLength = bytes.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(METADATA_KEY)) {
                readMetadata(field.getValue(), metadata, source);
            } else {
                entries.add(readEntry(field.getKey(), field.getValue(), source));
            }
        }
        // The data section must be covered exactly, without holes or overlaps (as the reference reader demands).
        entries.sort(Comparator.comparingLong((Entry e) -> e.begin).thenComparingLong(e -> e.end));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin != expected) {
                throw bad(source, "damaged header: tensor '" + e.name + "' starts at byte " + e.begin + ", expected " + expected);
            }
            expected = e.end;
        }
        if (expected > dataLength) {
            throw bad(source, "truncated: tensors need " + expected + " data bytes, file has " + dataLength);
        }
        if (expected < dataLength) {
            throw bad(source, "damaged: " + (dataLength - expected) + " unexpected bytes after the tensor data");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, dataLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        Map<String, SafetensorsArray> arrays = new LinkedHashMap<>();
        for (Entry e : entries) {
            arrays.put(e.name, decode(e, data));
        }
        return new SafetensorsContent(source, arrays, metadata, sha256Hex(bytes, dataStart, dataLength));
    }

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {
    }

    private static Entry readEntry(String name, JsonNode node, String source) {
        String where = "tensor '" + name + "'";
        if (!node.isObject() || !node.path("dtype").isTextual() || !node.path("shape").isArray()
                || !node.path("data_offsets").isArray() || node.path("data_offsets").size() != 2) {
            throw bad(source, "damaged header: " + where + " needs dtype, shape and data_offsets [begin, end]");
        }
        String dtypeName = node.get("dtype").asText();
        DType dtype = switch (dtypeName) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            default -> throw bad(source, where + " has dtype " + dtypeName + "; only F32 and F64 are supported");
        };
        JsonNode shapeNode = node.get("shape");
        long[] shape = new long[shapeNode.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode s = shapeNode.get(i);
            if (!s.canConvertToLong() || !s.isIntegralNumber() || s.asLong() < 0) {
                throw bad(source, "damaged header: " + where + " has an invalid shape " + shapeNode);
            }
            shape[i] = s.asLong();
            try {
                numel = Math.multiplyExact(numel, shape[i]);
            } catch (ArithmeticException overflow) {
                throw bad(source, "damaged header: " + where + " has an impossible shape " + shapeNode);
            }
        }
        JsonNode offsets = node.get("data_offsets");
        if (!offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()) {
            throw bad(source, "damaged header: " + where + " has invalid data_offsets " + offsets);
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin) {
            throw bad(source, "damaged header: " + where + " has invalid data_offsets " + offsets);
        }
        long needed = numel > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : numel * SafetensorsArray.bytesPer(dtype);
        if (end - begin != needed) {
            throw bad(source, where + ": " + dtypeName + " " + shapeNode + " needs " + needed + " bytes but data_offsets span "
                    + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static void readMetadata(JsonNode node, Map<String, String> metadata, String source) {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw bad(source, "damaged header: __metadata__ is not an object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw bad(source, "damaged header: __metadata__ value of '" + e.getKey() + "' is not a string");
            }
            metadata.put(e.getKey(), e.getValue().asText());
        }
    }

    private static SafetensorsArray decode(Entry e, ByteBuffer data) {
        int n = (int) ((e.end - e.begin) / SafetensorsArray.bytesPer(e.dtype));
        double[] values = new double[n];
        ByteBuffer slice = data.duplicate().position((int) e.begin).limit((int) e.end).slice().order(ByteOrder.LITTLE_ENDIAN);
        if (e.dtype == DType.FLOAT64) {
            slice.asDoubleBuffer().get(values);
        } else {
            java.nio.FloatBuffer floats = slice.asFloatBuffer();
            for (int i = 0; i < n; i++) {
                values[i] = floats.get(i);
            }
        }
        return new SafetensorsArray(e.name, e.dtype, e.shape, values);
    }

    /** "F32" or "F64". */
    public static String dtypeName(DType dtype) {
        return dtype == DType.FLOAT32 ? "F32" : "F64";
    }

    /** Lowercase hex SHA-256 of a byte range. */
    public static String sha256Hex(byte[] bytes, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static InvalidInputException bad(String source, String what) {
        return new InvalidInputException(source + ": " + what);
    }

    static byte[] readAll(Path path) {
        try {
            if (Files.size(path) > Integer.MAX_VALUE - 16) {
                throw bad(path.toString(), "file too large (over 2 GiB)");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Writes bytes so that a reader sees either the old file or the complete new one. */
    static void writeAtomically(Path path, byte[] bytes) {
        AtomicFiles.write(path, out -> out.write(bytes));
    }
}
