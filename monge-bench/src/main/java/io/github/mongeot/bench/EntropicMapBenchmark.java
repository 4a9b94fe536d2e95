package io.github.mongeot.bench;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.entropic.EntropicMapEstimator;
import io.github.mongeot.core.entropic.EntropicMapModel;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The peers' workload 4 (../peers/results/summary.md §4): fit the entropic map on the first 1000
 * source/target points (squared Euclidean, ε = rel · mean C, threshold 1e-6), then transport the
 * 10 000 new points. OTT-JAX here: fit 0.178 s / 0.68 s (rel 0.05 / 0.01), transport 0.137 / 0.157 s.
 *
 * <p>Run: {@code java -jar monge-bench/target/monge-benchmarks.jar EntropicMapBenchmark -f 1 -wi 1 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EntropicMapBenchmark {
    @Param({"0.05", "0.01"})
    public double epsRel;

    @Param({"1"})
    public int threads;

    private PointCloud source;
    private PointCloud target;
    private double[][] newPoints;
    private EntropicMapEstimator estimator;
    private EntropicMapModel fitted;

    @Setup(Level.Trial)
    public void setUp() {
        Engine.setThreads(threads);
        source = PointCloud.of("source", PeerData.source(1000));
        target = PointCloud.of("target", PeerData.target(1000));
        newPoints = PeerData.newPoints(10_000);
        estimator = new EntropicMapEstimator(SquaredEuclidean.full(),
                SinkhornOptions.defaults().withEpsilonRel(epsRel).withThreshold(1e-6));
        fitted = estimator.fit(source, target);
    }

    @Benchmark
    public EntropicMapModel fit() {
        return estimator.fit(source, target);
    }

    /** Mapping is fast and repeatable: averaged over many calls rather than single shots. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public double[][] transport10k() {
        return fitted.apply(newPoints);
    }
}
