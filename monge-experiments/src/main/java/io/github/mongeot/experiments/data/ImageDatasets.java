package io.github.mongeot.experiments.data;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.io.Idx;
import io.github.mongeot.core.io.NdArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * MNIST and Fashion-MNIST from the IDX files that {@code scripts/install-datasets.sh} puts in
 * {@link #root()}/mnist and {@link #root()}/fashion-mnist (plain or gzipped: train-images-idx3-ubyte,
 * train-labels-idx1-ubyte, t10k-…). MNIST: Y. LeCun, C. Cortes, C. J. C. Burges (CC BY-SA 3.0);
 * Fashion-MNIST: H. Xiao, K. Rasul, R. Vollgraf, Zalando SE (MIT).
 */
public final class ImageDatasets {
    /** The install script, named in the error when a data set is missing. */
    public static final String INSTALL_SCRIPT = "scripts/install-datasets.sh";

    /** The two splits of the MNIST family. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    private final Path root;

    /** Data sets under the given folder. */
    public ImageDatasets(Path root) {
        this.root = root;
    }

    /** Data sets under {@link #root()}. */
    public static ImageDatasets installed() {
        return new ImageDatasets(root());
    }

    /** System property {@code monge.datasets}, else $MONGE_DATASETS, else ~/.cache/monge/datasets. */
    public static Path root() {
        String configured = System.getProperty("monge.datasets", System.getenv("MONGE_DATASETS"));
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "monge", "datasets");
    }

    /** The first {@code max} MNIST images of a split. */
    public GreyImages mnist(Split split, int max) {
        return load("mnist", "MNIST", split, max);
    }

    /** The first {@code max} Fashion-MNIST images of a split. */
    public GreyImages fashionMnist(Split split, int max) {
        return load("fashion-mnist", "Fashion-MNIST", split, max);
    }

    private GreyImages load(String folder, String title, Split split, int max) {
        Path images = file(folder, title, split.prefix + "-images-idx3-ubyte");
        Path labels = file(folder, title, split.prefix + "-labels-idx1-ubyte");
        NdArray x = Idx.read(images, max);
        NdArray y = Idx.read(labels, max);
        if (x.rank() != 3 || y.rank() != 1 || x.dim(0) != y.dim(0)) {
            throw new InvalidInputException(images + ": expected n × height × width images with n labels in " + labels);
        }
        int n = x.dim(0);
        int h = x.dim(1);
        int w = x.dim(2);
        double[] values = x.data();
        double[][] pixels = new double[n][h * w];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < h * w; c++) {
                pixels[i][c] = values[i * h * w + c] / 255.0;
            }
        }
        double[] raw = y.data();
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = (int) raw[i];
        }
        return new GreyImages(title.toLowerCase(Locale.ROOT) + " " + split.prefix, pixels, classes, h, w);
    }

    private Path file(String folder, String title, String name) {
        Path plain = root.resolve(folder).resolve(name);
        Path gz = root.resolve(folder).resolve(name + ".gz");
        if (Files.isReadable(plain)) {
            return plain;
        }
        if (Files.isReadable(gz)) {
            return gz;
        }
        throw new InvalidInputException(title + " not found (" + plain + "[.gz]): run " + INSTALL_SCRIPT
                + " (or point MONGE_DATASETS at a folder holding " + folder + "/)");
    }
}
