package io.github.mongeot.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loaders on the shipped subsets (first 32 training images of MNIST, plain IDX, and of
 * Fashion-MNIST, gzipped IDX; extracted by tools/extract_idx_subset.py). The labels are the data
 * sets' published first training labels.
 */
class ImageDatasetsTest {
    @TempDir
    Path empty;

    private static ImageDatasets shipped() throws URISyntaxException {
        return new ImageDatasets(Path.of(ImageDatasetsTest.class.getResource("mnist").toURI()).getParent());
    }

    @Test
    void mnistSubset() throws URISyntaxException {
        GreyImages mnist = shipped().mnist(ImageDatasets.Split.TRAIN, 100);
        assertThat(mnist.size()).isEqualTo(32);
        assertThat(mnist.height()).isEqualTo(28);
        assertThat(mnist.width()).isEqualTo(28);
        assertThat(mnist.pixels()[0]).hasSize(784);
        // MNIST's first training labels: 5 0 4 1 9 2 1 3 1 4
        assertThat(Arrays.copyOf(mnist.labels(), 10)).containsExactly(5, 0, 4, 1, 9, 2, 1, 3, 1, 4);
        checkPixels(mnist);
        assertThat(shipped().mnist(ImageDatasets.Split.TRAIN, 5).size()).isEqualTo(5);
    }

    @Test
    void fashionSubsetFromGzippedFiles() throws URISyntaxException {
        GreyImages fashion = shipped().fashionMnist(ImageDatasets.Split.TRAIN, 32);
        assertThat(fashion.size()).isEqualTo(32);
        assertThat(fashion.pixels()[31]).hasSize(784);
        // Fashion-MNIST's first training labels: ankle boot (9), T-shirt (0), T-shirt (0), dress (3)
        assertThat(Arrays.copyOf(fashion.labels(), 4)).containsExactly(9, 0, 0, 3);
        checkPixels(fashion);
        double[][] scaled = fashion.scaled(-1, 1);
        assertThat(scaled[0][0]).isEqualTo(2 * fashion.pixels()[0][0] - 1);
    }

    @Test
    void missingDataNameTheInstallScript() {
        assertThatThrownBy(() -> new ImageDatasets(empty).fashionMnist(ImageDatasets.Split.TEST, 10))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Fashion-MNIST not found")
                .hasMessageContaining("scripts/install-datasets.sh");
    }

    /** Intensities in [0, 1] with both ends reached (digits and clothes on a black background). */
    private static void checkPixels(GreyImages images) {
        double min = Arrays.stream(images.pixels()).flatMapToDouble(Arrays::stream).min().orElseThrow();
        double max = Arrays.stream(images.pixels()).flatMapToDouble(Arrays::stream).max().orElseThrow();
        assertThat(min).isZero();
        assertThat(max).isEqualTo(1.0);
        // every value is k / 255
        for (double[] row : images.pixels()) {
            for (double v : row) {
                assertThat(Math.abs(v * 255 - Math.rint(v * 255))).isLessThan(1e-9);
            }
        }
    }
}
