package io.github.mongeot.experiments.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG figures: point clouds, displacement segments and paths, line and bar charts (JFreeChart), and
 * image grids (plain AWT). Every figure is written atomically.
 */
public final class Figures {
    private static final Color SOURCE = new Color(31, 119, 180, 170);
    private static final Color TARGET = new Color(255, 127, 14, 150);
    private static final Color MAPPED = new Color(44, 160, 44, 200);
    private static final Color ARROW = new Color(90, 90, 90, 90);
    private static final Color[] LINES = {new Color(31, 119, 180), new Color(214, 39, 40),
        new Color(44, 160, 44), new Color(148, 103, 189), new Color(255, 127, 14)};

    private Figures() {
    }

    /** One named line of a line plot. */
    public record Line(String name, double[] x, double[] y) {
    }

    /** A named 2-D point cloud (the first two columns are drawn). */
    public record Series(String name, double[][] points) {
    }

    /** One named group of bars, one value per category. */
    public record Bar(String name, double[] values) {
    }

    /**
     * Source (blue), target (orange) and mapped points (green) of a 2-D map, with a grey segment from
     * each of the first {@code arrows} source points to its image.
     */
    public static Path transportMap(String title, double[][] source, double[][] target, double[][] mapped,
            int arrows, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(points("source", source));
        data.addSeries(points("target", target));
        data.addSeries(points("mapped", mapped));
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        Color[] colours = {SOURCE, TARGET, MAPPED};
        for (int s = 0; s < colours.length; s++) {
            dots.setSeriesPaint(s, colours[s]);
            dots.setSeriesShape(s, new Ellipse2D.Double(-2, -2, 4, 4));
        }
        XYPlot plot = new XYPlot(data, new NumberAxis("x₁"), new NumberAxis("x₂"), dots);
        XYSeriesCollection segments = new XYSeriesCollection();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        int count = Math.min(arrows, Math.min(source.length, mapped.length));
        for (int i = 0; i < count; i++) {
            XYSeries seg = new XYSeries("d" + i, false, true);
            seg.add(source[i][0], source[i][1]);
            seg.add(mapped[i][0], mapped[i][1]);
            segments.addSeries(seg);
            lines.setSeriesPaint(i, ARROW);
            lines.setSeriesStroke(i, new BasicStroke(0.8f));
            lines.setSeriesVisibleInLegend(i, false);
        }
        plot.setDataset(1, segments);
        plot.setRenderer(1, lines);
        return save(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), png, 720, 640);
    }

    /** Lines on linear or logarithmic axes. */
    public static Path lines(String title, String xLabel, String yLabel, boolean logX, boolean logY,
            List<Line> lines, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < lines.size(); s++) {
            Line line = lines.get(s);
            XYSeries series = new XYSeries(line.name(), false, true);
            for (int i = 0; i < line.x().length; i++) {
                series.add(line.x()[i], line.y()[i]);
            }
            data.addSeries(series);
            renderer.setSeriesPaint(s, LINES[s % LINES.length]);
            renderer.setSeriesShape(s, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        ValueAxis xAxis = logX ? decades(xLabel) : new NumberAxis(xLabel);
        ValueAxis yAxis = logY ? decades(yLabel) : new NumberAxis(yLabel);
        if (yAxis instanceof NumberAxis) {
            ((NumberAxis) yAxis).setAutoRangeIncludesZero(false);
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        return save(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), png, 720, 480);
    }

    /** Named 2-D point clouds as dots, one colour each. */
    public static Path scatter(String title, List<Series> series, Path png) throws IOException {
        return save(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, dots(series), true), png, 720, 640);
    }

    /**
     * Grey polylines (paths, displacement arrows, direction segments; each an m × 2 array of
     * vertices) over named background point clouds.
     */
    public static Path polylines(String title, List<Series> background, List<double[][]> lines, Path png)
            throws IOException {
        XYPlot plot = dots(background);
        XYSeriesCollection segments = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < lines.size(); i++) {
            XYSeries line = new XYSeries("l" + i, false, true);
            for (double[] vertex : lines.get(i)) {
                line.add(vertex[0], vertex[1]);
            }
            segments.addSeries(line);
            renderer.setSeriesPaint(i, ARROW);
            renderer.setSeriesStroke(i, new BasicStroke(0.8f));
            renderer.setSeriesVisibleInLegend(i, false);
        }
        plot.setDataset(1, segments);
        plot.setRenderer(1, renderer);
        return save(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), png, 720, 640);
    }

    /** Grouped bars: one group per category, one bar per {@link Bar}; optionally a log value axis. */
    public static Path bars(String title, String yLabel, boolean logY, String[] categories, List<Bar> bars,
            Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Bar bar : bars) {
            for (int c = 0; c < categories.length; c++) {
                data.addValue(bar.values()[c], bar.name(), categories[c]);
            }
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int s = 0; s < bars.size(); s++) {
            renderer.setSeriesPaint(s, LINES[s % LINES.length]);
        }
        ValueAxis yAxis = logY ? decades(yLabel) : new NumberAxis(yLabel);
        if (logY) {
            // Bars grow from the axis floor: put it just below the smallest value, not at 1e-100.
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (Bar bar : bars) {
                for (double v : bar.values()) {
                    if (v > 0 && Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (hi > 0) {
                yAxis.setRange(lo / 3, hi * 3);
            }
        }
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(), yAxis, renderer);
        return save(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), png, 720, 480);
    }

    /**
     * Grey-scale images in a grid of {@code columns}; each row of {@code images} is one h × w image,
     * row-major, with values in [0, 1] (clipped).
     */
    public static Path greyImages(String title, double[][] images, int height, int width, int columns, Path png)
            throws IOException {
        int scale = Math.max(1, 96 / Math.max(height, width));
        int rows = (images.length + columns - 1) / columns;
        BufferedImage canvas = canvas(title, columns * (width * scale + 2), rows * (height * scale + 2));
        for (int k = 0; k < images.length; k++) {
            int x0 = (k % columns) * (width * scale + 2) + 1;
            int y0 = TITLE_HEIGHT + (k / columns) * (height * scale + 2) + 1;
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int v = (int) Math.round(255 * clip(images[k][r * width + c]));
                    fill(canvas, x0 + c * scale, y0 + r * scale, scale, (v << 16) | (v << 8) | v);
                }
            }
        }
        return saveImage(canvas, png);
    }

    /**
     * RGB images side by side with a caption under each; each image is an (h·w) × 3 array of pixels,
     * row-major, channels in [0, 1] (clipped).
     */
    public static Path rgbImages(String title, List<double[][]> images, List<String> captions, int height,
            int width, Path png) throws IOException {
        int scale = Math.max(1, 256 / Math.max(height, width));
        int cell = width * scale + 8;
        BufferedImage canvas = canvas(title, images.size() * cell, height * scale + 24);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k < images.size(); k++) {
            int x0 = k * cell + 4;
            double[][] pixels = images.get(k);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    double[] p = pixels[r * width + c];
                    int rgb = (channel(p[0]) << 16) | (channel(p[1]) << 8) | channel(p[2]);
                    fill(canvas, x0 + c * scale, TITLE_HEIGHT + r * scale, scale, rgb);
                }
            }
            g.drawString(captions.get(k), x0, TITLE_HEIGHT + height * scale + 16);
        }
        g.dispose();
        return saveImage(canvas, png);
    }

    private static final int TITLE_HEIGHT = 24;

    private static BufferedImage canvas(String title, int width, int height) {
        BufferedImage image = new BufferedImage(Math.max(width, 8 * title.length()), height + TITLE_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 4, 17);
        g.dispose();
        return image;
    }

    private static void fill(BufferedImage image, int x, int y, int size, int rgb) {
        for (int dy = 0; dy < size; dy++) {
            for (int dx = 0; dx < size; dx++) {
                image.setRGB(x + dx, y + dy, rgb);
            }
        }
    }

    private static double clip(double v) {
        return Double.isNaN(v) ? 0 : Math.min(1, Math.max(0, v));
    }

    private static int channel(double v) {
        return (int) Math.round(255 * clip(v));
    }

    private static XYPlot dots(List<Series> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int s = 0; s < series.size(); s++) {
            data.addSeries(points(series.get(s).name(), series.get(s).points()));
            Color c = LINES[s % LINES.length];
            renderer.setSeriesPaint(s, new Color(c.getRed(), c.getGreen(), c.getBlue(), 170));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-2, -2, 4, 4));
        }
        NumberAxis x = new NumberAxis("x₁");
        NumberAxis y = new NumberAxis("x₂");
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        return new XYPlot(data, x, y, renderer);
    }

    private static Path saveImage(BufferedImage image, Path png) throws IOException {
        Path tmp = tempBeside(png);
        ImageIO.write(image, "png", tmp.toFile());
        return Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path tempBeside(Path png) throws IOException {
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "figure", ".png.tmp");
    }

    /** A base-10 log axis with ticks at whole decades (10⁻², 10⁻¹, ...). */
    private static LogAxis decades(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return axis;
    }

    private static XYSeries points(String name, double[][] rows) {
        XYSeries series = new XYSeries(name, false, true);
        for (double[] row : rows) {
            series.add(row[0], row.length > 1 ? row[1] : 0.0);
        }
        return series;
    }

    private static Path save(JFreeChart chart, Path png, int width, int height) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        Path tmp = tempBeside(png);
        ChartUtils.saveChartAsPNG(tmp.toFile(), chart, width, height);
        return Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
