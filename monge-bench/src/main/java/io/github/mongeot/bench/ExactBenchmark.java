package io.github.mongeot.bench;

import io.github.mongeot.core.exact.ExactResult;
import io.github.mongeot.core.exact.NetworkSimplex;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact OT (network simplex) on the peers' clouds, squared Euclidean cost, uniform weights: the
 * setting of POT's {@code ot.emd} in ../shared/peers/bench_emd.py (POT: 0.12 s, 0.60 s, 2.95 s for
 * n = 1000, 2000, 4000; costs 11.03032225, 10.78051317, 10.68209597). The cost matrix is built in
 * setup; only the solve is measured. Each invocation is a full solve (SingleShotTime).
 *
 * <p>{@link #main} prints plain medians instead (wall and thread CPU time, with the load average):
 * {@code java -cp monge-bench/target/monge-benchmarks.jar io.github.mongeot.bench.ExactBenchmark 5 1000 2000 4000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, batchSize = 1)
@Measurement(iterations = 5, batchSize = 1)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class ExactBenchmark {
    @Param({"1000", "2000", "4000"})
    public int n;

    private double[] a;
    private double[] cost;

    @Setup
    public void setup() {
        double[][] x = PeerData.source(n);
        double[][] y = PeerData.target(n);
        cost = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double d = x[i][k] - y[j][k];
                    s += d * d;
                }
                cost[i * n + j] = s;
            }
        }
        a = new double[n];
        Arrays.fill(a, 1.0 / n);
    }

    /** Args: runs, then sizes. One untimed warm-up solve per size, then medians of the timed runs. */
    public static void main(String[] args) throws java.io.IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int k = 1; k < Math.max(2, args.length); k++) {
            ExactBenchmark bench = new ExactBenchmark();
            bench.n = args.length > k ? Integer.parseInt(args[k]) : 1000;
            bench.setup();
            ExactResult r = bench.networkSimplex();
            double[] wall = new double[runs];
            double[] cpu = new double[runs];
            for (int run = 0; run < runs; run++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                r = bench.networkSimplex();
                wall[run] = (System.nanoTime() - t0) / 1e9;
                cpu[run] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            String load = Files.readString(Path.of("/proc/loadavg")).trim();
            System.out.printf("n=%d cost=%.10f pivots=%d wall median %.4f s (min %.4f) cpu median %.4f s (min %.4f)"
                    + " runs=%d loadavg=%s%n", bench.n, r.cost(), r.iterations(), wall[runs / 2], wall[0],
                    cpu[runs / 2], cpu[0], runs, load);
        }
    }

    @Benchmark
    public ExactResult networkSimplex() {
        ExactResult r = NetworkSimplex.transport(a, a, cost);
        if (!r.converged()) {
            throw new IllegalStateException("not converged: " + r);
        }
        return r;
    }
}
