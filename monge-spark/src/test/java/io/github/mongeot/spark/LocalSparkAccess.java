package io.github.mongeot.spark;

import org.apache.spark.sql.SparkSession;

/** {@link LocalSpark} for tests in other packages. */
public final class LocalSparkAccess {
    private LocalSparkAccess() {
    }

    public static SparkSession get() {
        return LocalSpark.get();
    }
}
