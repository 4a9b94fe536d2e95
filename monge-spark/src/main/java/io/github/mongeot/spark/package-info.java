/**
 * Monge on Apache Spark: {@link io.github.mongeot.spark.SparkMaps} applies a saved transport map to
 * a Dataset (rows batched per partition, the model loaded once per executor JVM) and
 * {@link io.github.mongeot.spark.GroupedOT} solves one OT problem per group of a Dataset.
 * Spark is a provided dependency.
 */
package io.github.mongeot.spark;
