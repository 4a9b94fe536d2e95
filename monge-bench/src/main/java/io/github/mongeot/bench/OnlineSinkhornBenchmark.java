package io.github.mongeot.bench;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.sinkhorn.Sinkhorn;
import io.github.mongeot.core.sinkhorn.SinkhornMode;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.core.sinkhorn.SinkhornResult;
import java.util.Locale;
import java.util.Random;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Online (blockwise, linear-memory) Sinkhorn at sizes whose cost matrix would not fit: N(0, I₂) →
 * two blobs (the peers' laws, freshly drawn: the shipped clouds stop at 4000), ε = 0.05 · mean C,
 * L1 threshold 1e-4 in float32 (1e-6 in float64). Single-shot; a "online-stats" line per measurement.
 *
 * <p>Run: {@code OMP_WAIT_POLICY=PASSIVE java -jar monge-bench/target/monge-benchmarks.jar
 * OnlineSinkhornBenchmark -f 1 -wi 0 -i 1 -p n=50000 -p threads=2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OnlineSinkhornBenchmark {
    @Param({"10000", "50000"})
    public int n;

    @Param({"float32"})
    public String dtype;

    @Param({"2"})
    public int threads;

    private PointCloud x;
    private PointCloud y;
    private SinkhornOptions options;
    private SinkhornResult last;

    @Setup(Level.Trial)
    public void setUp() {
        Engine.setThreads(threads);
        Random rng = new Random(0);
        double[][] xs = new double[n][2];
        double[][] ys = new double[n][2];
        for (int i = 0; i < n; i++) {
            xs[i][0] = rng.nextGaussian();
            xs[i][1] = rng.nextGaussian();
            ys[i][0] = 3 + 0.5 * rng.nextGaussian();
            ys[i][1] = (rng.nextBoolean() ? 2 : -2) + 0.5 * rng.nextGaussian();
        }
        x = PointCloud.of("source", xs);
        y = PointCloud.of("target", ys);
        DType precision = DType.parse(dtype);
        options = SinkhornOptions.defaults().withEpsilonRel(0.05).withMode(SinkhornMode.ONLINE).withDType(precision)
                .withThreshold(precision == DType.FLOAT32 ? 1e-4 : 1e-6).withMaxIterations(5000);
    }

    @Benchmark
    public double solve() {
        last = Sinkhorn.solve(x, y, SquaredEuclidean.full(), options);
        return last.regularizedCost();
    }

    @TearDown(Level.Iteration)
    public void report() {
        System.out.printf(Locale.ROOT, "%nonline-stats n=%d dtype=%s threads=%d: %.2f s, %d iterations, %.3f s/iter, "
                + "reg. cost %.7f, marginal error %.2e, converged %s%n", n, dtype, threads, last.seconds(),
                last.iterations(), last.seconds() / Math.max(1, last.iterations()), last.regularizedCost(),
                last.marginalError(), last.converged());
    }
}
