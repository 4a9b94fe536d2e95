package io.github.mongeot.spark;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMaps;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * A saved Monge model shipped to a Spark job: the model file's bytes travel once per executor as a
 * broadcast variable, and each JVM loads them once ({@link #map()} caches by content hash), however
 * many partitions or tasks it runs.
 */
public final class SparkModel implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Loaded models of this JVM, by SHA-256 of the model file. */
    private static final ConcurrentMap<String, TransportMap> LOADED = new ConcurrentHashMap<>();

    private final String name;
    private final String sha256;
    private final Broadcast<byte[]> bytes;
    private final int dim;
    private final boolean hasInverse;
    private final boolean stochastic;
    private final String modelType;

    private SparkModel(String name, String sha256, Broadcast<byte[]> bytes, TransportMap map) {
        this.name = name;
        this.sha256 = sha256;
        this.bytes = bytes;
        this.dim = map.dim();
        this.hasInverse = map.hasInverse();
        this.stochastic = Stochastic.isStochastic(map);
        this.modelType = map.modelType();
    }

    /** Reads and checks the model file on the driver, then broadcasts its bytes. */
    public static SparkModel load(SparkSession spark, Path path) {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("model: no such file " + path);
        } catch (IOException e) {
            throw new UncheckedIOException("model " + path + ": " + e.getMessage(), e);
        }
        String hash = sha256(content);
        TransportMap map = LOADED.computeIfAbsent(hash, h -> TransportMaps.load(path));
        Broadcast<byte[]> broadcast = spark.sparkContext().broadcast(content, scala.reflect.ClassTag$.MODULE$.apply(byte[].class));
        return new SparkModel(path.toString(), hash, broadcast, map);
    }

    /** The map, loaded at most once per JVM (call on executors). */
    public TransportMap map() {
        return LOADED.computeIfAbsent(sha256, h -> fromBytes(bytes.value(), name));
    }

    private static TransportMap fromBytes(byte[] content, String name) {
        try {
            Path file = Files.createTempFile("monge-model-", ".monge");
            try {
                Files.write(file, content);
                return TransportMaps.load(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("model " + name + ": cannot stage it on the executor: " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the model came from (for messages). */
    public String name() {
        return name;
    }

    public String modelType() {
        return modelType;
    }

    public int dim() {
        return dim;
    }

    public boolean hasInverse() {
        return hasInverse;
    }

    /** Whether the model draws samples (a stochastic map). */
    public boolean isStochastic() {
        return stochastic;
    }

    /** Releases the broadcast bytes on the executors (the JVM caches keep their loaded maps). */
    public void destroy() {
        bytes.destroy();
    }
}
