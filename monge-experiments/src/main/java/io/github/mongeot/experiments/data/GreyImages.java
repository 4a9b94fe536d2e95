package io.github.mongeot.experiments.data;

/**
 * Labelled grey images as flat rows (row-major height × width) with intensities in [0, 1].
 *
 * @param name   the data set and split, for messages ("mnist train")
 * @param pixels n × (height·width) intensities in [0, 1]
 * @param labels n class labels
 */
public record GreyImages(String name, double[][] pixels, int[] labels, int height, int width) {
    public int size() {
        return pixels.length;
    }

    /** The intensities mapped affinely from [0, 1] to [low, high] (e.g. [-1, 1], neural OT's scaling). */
    public double[][] scaled(double low, double high) {
        double[][] out = new double[pixels.length][];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = new double[pixels[i].length];
            for (int c = 0; c < pixels[i].length; c++) {
                out[i][c] = low + (high - low) * pixels[i][c];
            }
        }
        return out;
    }
}
