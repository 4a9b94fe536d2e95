package io.github.mongeot.experiments.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG figures drawn with JFreeChart: point clouds with displacement segments, and line plots. */
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
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "figure", ".png.tmp");
        ChartUtils.saveChartAsPNG(tmp.toFile(), chart, width, height);
        return Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
