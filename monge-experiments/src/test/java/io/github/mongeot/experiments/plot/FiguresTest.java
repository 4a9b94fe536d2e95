package io.github.mongeot.experiments.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures are readable PNGs, written atomically, and image grids put the right pixels in place. */
class FiguresTest {
    @TempDir
    Path dir;

    @Test
    void chartsAreWrittenAsPngWithoutLeftoverTemporaryFiles() throws Exception {
        double[][] a = {{0, 0}, {1, 1}, {2, 0.5}};
        double[][] b = {{0, 1}, {1, 2}};
        Figures.scatter("scatter", List.of(new Figures.Series("a", a), new Figures.Series("b", b)), dir.resolve("s.png"));
        Figures.polylines("paths", List.of(new Figures.Series("a", a)), List.of(a, b), dir.resolve("p.png"));
        Figures.bars("bars", "mse", true, new String[] {"d2", "d4"},
                List.of(new Figures.Bar("x", new double[] {1e-3, 1e-2}), new Figures.Bar("y", new double[] {1e-4, 3e-3})),
                dir.resolve("b.png"));
        for (String name : List.of("s.png", "p.png", "b.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertThat(image).as(name).isNotNull();
            assertThat(image.getWidth()).isGreaterThan(100);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".png"));
        }
    }

    @Test
    void greyImagesPlaceEachPixelScaledInItsCell() throws Exception {
        // Two 2 × 3 images: the first black but for its bottom-right pixel, the second white.
        double[][] images = {{0, 0, 0, 0, 0, 1}, {1, 1, 1, 1, 1, 1}};
        Path png = Figures.greyImages("t", images, 2, 3, 2, dir.resolve("g.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        int scale = 96 / 3;
        int top = 24 + 1;
        assertThat(image.getRGB(1, top) & 0xffffff).isZero();
        assertThat(image.getRGB(1 + 2 * scale + scale / 2, top + scale + scale / 2) & 0xffffff).isEqualTo(0xffffff);
        assertThat(image.getRGB(1 + 3 * scale + 2 + 1, top) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void rgbImagesKeepTheirColours() throws Exception {
        double[][] red = {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {1, 0, 0}};
        double[][] blue = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {0, 0, 1.5}};
        Path png = Figures.rgbImages("colours", List.of(red, blue), List.of("red", "blue"), 2, 2, dir.resolve("c.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        int cell = 2 * 128 + 8;
        assertThat(image.getRGB(4 + 10, 24 + 10) & 0xffffff).isEqualTo(0xff0000);
        assertThat(image.getRGB(cell + 4 + 200, 24 + 200) & 0xffffff).isEqualTo(0x0000ff);
    }
}
