package io.github.mongeot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The peers' benchmark clouds (../shared/peers/data, copied to bench/data): first n rows of
 * source_4000x2.csv and target_4000x2.csv, so Monge runs on exactly the points POT and OTT-JAX ran on.
 */
public final class PeerData {
    private PeerData() {
    }

    public static Path dataDir() {
        String configured = System.getProperty("monge.bench.data");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path candidate : List.of(Path.of("bench/data"), Path.of("../bench/data"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("bench/data not found: run from the repository root or set -Dmonge.bench.data");
    }

    public static double[][] source(int n) {
        return firstRows(dataDir().resolve("source_4000x2.csv"), n);
    }

    public static double[][] target(int n) {
        return firstRows(dataDir().resolve("target_4000x2.csv"), n);
    }

    public static double[][] newPoints(int n) {
        return firstRows(dataDir().resolve("newpoints_10000x2.csv"), n);
    }

    /** Plain parse (numbers only, optional header): keeps the benchmark module free of Monge's I/O. */
    static double[][] firstRows(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file);
            int start = Character.isDigit(lines.get(0).trim().charAt(0)) || lines.get(0).trim().charAt(0) == '-' ? 0 : 1;
            double[][] rows = new double[n][];
            for (int i = 0; i < n; i++) {
                String[] parts = lines.get(start + i).split(",");
                rows[i] = new double[parts.length];
                for (int k = 0; k < parts.length; k++) {
                    rows[i][k] = Double.parseDouble(parts[k].trim());
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
