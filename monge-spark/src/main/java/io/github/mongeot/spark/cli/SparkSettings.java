package io.github.mongeot.spark.cli;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Option;

/** Options shared by the Spark subcommands: master, extra Spark settings, data formats. */
public final class SparkSettings {
    @Option(names = "--master",
            description = "Spark master URL (default local[*], or spark-submit's; e.g. local[2], spark://host:7077, yarn, k8s://...).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Extra Spark setting (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--partitions", description = "Repartition the input into this many partitions first.")
    Integer partitions;

    @Option(names = "--input-format", description = "parquet, csv or json (default: from the extension; parquet otherwise).")
    String inputFormat;

    @Option(names = "--output-format", description = "parquet, csv or json (default: from the extension; parquet otherwise).")
    String outputFormat;

    /** The session already running in this JVM (tests, spark-submit), else a new one on --master. */
    SparkSession session(String appName) {
        return session(appName, master, conf);
    }

    /**
     * A session on {@code master}; when null, spark-submit's master (it sets {@code spark.master})
     * or {@code local[*]}.
     */
    public static SparkSession session(String appName, String master, Map<String, String> conf) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName)
                .config("spark.ui.showConsoleProgress", "false");
        String resolved = master != null ? master : System.getProperty("spark.master", "local[*]");
        builder.master(resolved);
        if (resolved.startsWith("local")) {
            // A local run talks to itself only: stay on loopback.
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.forEach(builder::config);
        return builder.getOrCreate();
    }

    Dataset<Row> read(SparkSession spark, String path) {
        String format = format(inputFormat, path);
        DataFrameReader reader = spark.read().format(format);
        if (format.equals("csv")) {
            reader = reader.option("header", "true").option("inferSchema", "true");
        }
        Dataset<Row> data = reader.load(path);
        return partitions == null ? data : data.repartition(partitions);
    }

    void write(Dataset<Row> data, String path) {
        String format = format(outputFormat, path);
        if (format.equals("csv")) {
            for (StructField f : data.schema().fields()) {
                if (f.dataType() instanceof ArrayType) {
                    throw new InvalidInputException("--output " + path + ": CSV cannot hold the array column '"
                            + f.name() + "'; write Parquet (a .parquet path) instead");
                }
            }
        }
        data.write().mode("overwrite").format(format).option("header", "true").save(path);
    }

    long count(SparkSession spark, String path) {
        return spark.read().format(format(outputFormat, path)).option("header", "true").load(path).count();
    }

    static String format(String given, String path) {
        String f = given != null ? given.toLowerCase(Locale.ROOT) : byExtension(path);
        if (!f.equals("parquet") && !f.equals("csv") && !f.equals("json")) {
            throw new InvalidInputException("unknown data format '" + given + "' (expected parquet, csv or json)");
        }
        return f;
    }

    private static String byExtension(String path) {
        String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        if (p.endsWith(".csv")) {
            return "csv";
        }
        if (p.endsWith(".json") || p.endsWith(".jsonl")) {
            return "json";
        }
        return "parquet";
    }
}
