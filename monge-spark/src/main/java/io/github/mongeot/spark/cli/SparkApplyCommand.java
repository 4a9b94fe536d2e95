package io.github.mongeot.spark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.spark.ApplyOptions;
import io.github.mongeot.spark.SparkMaps;
import io.github.mongeot.spark.SparkModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code monge spark apply}: a saved model over a Parquet/CSV/JSON data set. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply a saved model to every row of a data set.",
            "Reads Parquet, CSV (with header) or JSON, writes the rows with the mapped point appended and",
            "prints one JSON object: rows, seconds, rows_per_second."})
final class SparkApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model file written by 'monge fit'.")
    Path model;

    @Option(names = "--input", required = true, description = "Input data set (file or directory; any Spark path).")
    String input;

    @Option(names = "--output", required = true, description = "Output data set (overwritten).")
    String output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PointOptions points;

    static final class Mode {
        @Option(names = "--inverse", description = "Apply the inverse map (where the model has one).")
        boolean inverse;

        @Option(names = "--samples", paramLabel = "K", description = "Draw K samples per row (stochastic maps).")
        Integer samples;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Mode mode;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for --samples (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", defaultValue = "4096", description = "Rows per engine call (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--prefix", defaultValue = "mapped_",
            description = "Prefix of the output coordinate columns (default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--output-column", description = "Name of the output array column (default mapped or samples).")
    String outputColumn;

    @Mixin
    SparkSettings settings;

    @Override
    public Integer call() {
        SparkSession spark = settings.session("monge spark apply");
        ApplyOptions options = ApplyOptions.of(points.points()).batchSize(batchSize).prefix(prefix);
        if (mode != null && mode.inverse) {
            options = options.inverse();
        } else if (mode != null && mode.samples != null) {
            options = options.samples(mode.samples, seed);
        }
        if (outputColumn != null) {
            options = options.outputColumn(outputColumn);
        }
        long start = System.nanoTime();
        SparkModel loaded = SparkModel.load(spark, model);
        Dataset<Row> mapped = SparkMaps.apply(settings.read(spark, input), loaded, options);
        settings.write(mapped, output);
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = settings.count(spark, output);
        loaded.destroy();
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("model_type", loaded.modelType());
        out.put("mode", options.mode().name().toLowerCase(java.util.Locale.ROOT));
        out.put("rows", rows);
        out.put("output", output);
        out.put("master", spark.sparkContext().master());
        out.put("seconds", seconds);
        out.put("rows_per_second", rows / seconds);
        spec.commandLine().getOut().println(out.toString());
        return 0;
    }
}
