package io.github.mongeot.nn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A JSON-lines metrics file: one object per logged step, flushed as it goes. */
public final class MetricsLog implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;
    private final Path path;

    private MetricsLog(Path path) throws IOException {
        this.path = path;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    }

    /** Creates (or truncates) {@code path}. */
    public static MetricsLog open(Path path) {
        try {
            return new MetricsLog(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics log " + path + ": " + e.getMessage(), e);
        }
    }

    /** Appends one record (values: numbers, strings, booleans; non-finite numbers are written as strings). */
    public void write(Map<String, ?> record) {
        try {
            out.write(JSON.writeValueAsString(sanitise(record)));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics log " + path + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> sanitise(Map<String, ?> record) {
        Map<String, Object> clean = new java.util.LinkedHashMap<>();
        record.forEach((k, v) -> clean.put(k, v instanceof Double d && !Double.isFinite(d) ? d.toString() : v));
        return clean;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
