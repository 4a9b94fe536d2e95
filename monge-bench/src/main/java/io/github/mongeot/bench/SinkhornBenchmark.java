package io.github.mongeot.bench;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.sinkhorn.Sinkhorn;
import io.github.mongeot.core.sinkhorn.SinkhornMode;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.core.sinkhorn.SinkhornResult;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
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
 * Sinkhorn on the peers' clouds (PeerData), squared Euclidean cost, uniform weights, float64,
 * L1 marginal threshold 1e-6 (float32 with {@code -p dtype=float32}) — the setting of ../peers/results/summary.md §2 (POT's timings exclude
 * ot.dist, so the cost matrix is built in the setup here too). One solve per measurement
 * (single-shot); after each measurement a line "sinkhorn-stats" gives iterations, ms/iteration and
 * the regularised cost, to set beside OTT-JAX (log domain) and POT (kernel scalings).
 *
 * <p>Run: {@code OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=1 java -jar monge-bench/target/monge-benchmarks.jar
 * SinkhornBenchmark -f 1 -wi 1 -i 3} (add {@code -p threads=1,2} to compare thread counts). Without
 * {@code OPENBLAS_NUM_THREADS} OpenBLAS's own thread pool (it does the matrix-vector products of the
 * scaling mode) spins and collapses on a loaded 2-core machine: measured 0.24 s vs 5 s at n = 1000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SinkhornBenchmark {
    @Param({"1000", "4000"})
    public int n;

    @Param({"LOG", "AUTO"})
    public String mode;

    @Param({"0.01"})
    public double epsRel;

    @Param({"1"})
    public int threads;

    @Param({"float64"})
    public String dtype;

    /** Over-relaxation: "auto" (the default, adaptive ω) or a fixed ω; "1" is plain Sinkhorn as OTT and POT run it. */
    @Param({"auto", "1"})
    public String omega;

    private PointerScope scope;
    private Tensor cost;
    private double[] weights;
    private SinkhornOptions options;
    private final double[] times = new double[64];
    private int count;
    private SinkhornResult last;

    @Setup(Level.Trial)
    public void setUp() {
        Engine.setThreads(threads);
        scope = new PointerScope();
        cost = SquaredEuclidean.full().matrix(Tensors.fromRows(PeerData.source(n), DType.FLOAT64),
                Tensors.fromRows(PeerData.target(n), DType.FLOAT64)).to(DType.parse(dtype).scalarType());
        weights = new double[n];
        Arrays.fill(weights, 1.0 / n);
        options = SinkhornOptions.defaults().withEpsilonRel(epsRel).withThreshold(1e-6)
                .withMode(SinkhornMode.valueOf(mode)).withDType(DType.parse(dtype));
        if (!omega.equals("auto")) {
            options = options.withOverrelaxation(Double.parseDouble(omega));
        }
    }

    @Benchmark
    public double solve() {
        last = Sinkhorn.solve(cost, weights, weights, options);
        last.releasePlanData();
        return last.regularizedCost();
    }

    @TearDown(Level.Iteration)
    public void report() {
        if (last != null && count < times.length) {
            times[count++] = last.seconds();
            System.out.printf(Locale.ROOT, "%nsinkhorn-stats n=%d mode=%s dtype=%s eps_rel=%s omega=%s threads=%d: %.4f s, %d iterations"
                    + " (%d log-domain, %d absorptions), %.3f ms/iter, reg. cost %.7f, marginal error %.2e,"
                    + " converged %s, ran as %s%n", n, mode, dtype, epsRel, omega, threads, last.seconds(), last.iterations(),
                    last.logIterations(), last.absorptions(), 1000 * last.seconds() / last.iterations(),
                    last.regularizedCost(), last.marginalError(), last.converged(), last.mode());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scope.close();
    }
}
