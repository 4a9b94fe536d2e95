package io.github.mongeot.experiments.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an experiment measured, beside what its paper reports. Written as {@code report.json} =
 * {"experiment", "metrics": {...}, "paper": {...}, "seconds", "quick", "config": {...}, "figures": [...]}.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String experiment;
    private final boolean quick;
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final Map<String, Object> paper = new LinkedHashMap<>();
    private final Map<String, Object> config = new LinkedHashMap<>();
    private final List<String> figures = new ArrayList<>();
    private double seconds;

    public Report(String experiment, boolean quick) {
        this.experiment = experiment;
        this.quick = quick;
    }

    /** A number as it appears inside metric keys: plain decimal, no exponent (0.0005, not 5.0E-4). */
    public static String keyNumber(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    public Report metric(String key, double value) {
        metrics.put(key, value);
        return this;
    }

    public Report paper(String key, Object value) {
        paper.put(key, value);
        return this;
    }

    public Report config(String key, Object value) {
        config.put(key, value);
        return this;
    }

    public Report figure(String fileName) {
        figures.add(fileName);
        return this;
    }

    public Report seconds(double value) {
        this.seconds = value;
        return this;
    }

    public String experiment() {
        return experiment;
    }

    public Map<String, Object> metrics() {
        return Map.copyOf(metrics);
    }

    public double metricValue(String key) {
        Object v = metrics.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("no metric '" + key + "' in " + experiment);
        }
        return ((Number) v).doubleValue();
    }

    public List<String> figures() {
        return List.copyOf(figures);
    }

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("experiment", experiment);
        root.set("metrics", JSON.valueToTree(metrics));
        root.set("paper", JSON.valueToTree(paper));
        root.put("seconds", seconds);
        root.put("quick", quick);
        root.set("config", JSON.valueToTree(config));
        root.set("figures", JSON.valueToTree(figures));
        return root;
    }

    /** Writes DIR/report.json atomically and returns its path. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve("report.json");
        Path tmp = Files.createTempFile(dir, "report", ".json.tmp");
        JSON.writeValue(tmp.toFile(), toJson());
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
