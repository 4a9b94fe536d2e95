package io.github.mongeot.spark.cli;

import io.github.mongeot.spark.PointColumns;
import java.util.List;
import picocli.CommandLine.Option;

/** --columns x,y,.. or --vector COL: where the points are (an exclusive, required group). */
final class PointOptions {
    @Option(names = "--columns", split = ",", paramLabel = "COL", description = "Coordinate columns, in order.")
    List<String> columns;

    @Option(names = "--vector", paramLabel = "COL", description = "One array column holding each point.")
    String vector;

    PointColumns points() {
        return vector != null ? PointColumns.vector(vector) : PointColumns.columns(columns);
    }
}
