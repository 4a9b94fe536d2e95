package io.github.mongeot.experiments;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.sinkhorn.Sinkhorn;
import io.github.mongeot.core.sinkhorn.SinkhornMode;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.core.sinkhorn.SinkhornResult;
import io.github.mongeot.experiments.problems.Samples;
import io.github.mongeot.experiments.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Sinkhorn without the cost matrix: the online (blockwise) solver checked against the dense one at
 * n = 4000, then run at n = m = 50 000 in float32, where the dense float32 matrix alone would take
 * 9.3 GiB. Laws: N(0, I₂) → two blobs (the peers' benchmark laws).
 */
public final class SinkhornOnline implements Experiment {
    @Override
    public String name() {
        return "sinkhorn-online";
    }

    @Override
    public String description() {
        return "Online (linear-memory) Sinkhorn: agreement with the dense solver, then n = m = 50 000 in float32.";
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        int check = context.quick() ? 1000 : 4000;
        int large = context.quick() ? 10_000 : 50_000;
        double rel = 0.05;
        Report report = new Report(name(), context.quick()).config("check_n", check).config("large_n", large)
                .config("epsilon_rel", rel).config("cost", "sqeuclidean").config("seed", context.seed())
                .config("threshold_float64", 1e-6).config("threshold_float32", 1e-4)
                .paper("source", "no paper: the dense log-domain solver is the reference; GeomLoss/KeOps run "
                        + "the same online scheme on GPUs");
        Random rng = new Random(context.seed());
        PointCloud x = PointCloud.of("source", Samples.standardNormal(rng, check, 2));
        PointCloud y = PointCloud.of("target", Samples.twoBlobs(rng, check, 2));
        SinkhornOptions options = SinkhornOptions.defaults().withEpsilonRel(rel).withThreshold(1e-6);
        SinkhornResult dense = Sinkhorn.solve(x, y, SquaredEuclidean.full(), options.withMode(SinkhornMode.LOG));
        SinkhornResult online = Sinkhorn.solve(x, y, SquaredEuclidean.full(), options.withMode(SinkhornMode.ONLINE));
        SinkhornResult online32 = Sinkhorn.solve(x, y, SquaredEuclidean.full(),
                options.withMode(SinkhornMode.ONLINE).withDType(DType.FLOAT32).withThreshold(1e-4));
        report.metric("dense_regularized_cost", dense.regularizedCost())
                .metric("online_regularized_cost", online.regularizedCost())
                .metric("online_float32_regularized_cost", online32.regularizedCost())
                .metric("online_relative_difference", Math.abs(online.regularizedCost() / dense.regularizedCost() - 1))
                .metric("online_float32_relative_difference",
                        Math.abs(online32.regularizedCost() / dense.regularizedCost() - 1))
                .metric("dense_seconds", dense.seconds()).metric("online_seconds", online.seconds());
        context.log(String.format(Locale.ROOT, "n = %d: dense %.9f (%d it, %.2f s), online %.9f (%d it, %.2f s), "
                + "online float32 %.7f", check, dense.regularizedCost(), dense.iterations(), dense.seconds(),
                online.regularizedCost(), online.iterations(), online.seconds(), online32.regularizedCost()));

        PointCloud bigX = PointCloud.of("source", Samples.standardNormal(rng, large, 2));
        PointCloud bigY = PointCloud.of("target", Samples.twoBlobs(rng, large, 2));
        context.log("n = m = " + large + " float32 online ...");
        SinkhornResult big = Sinkhorn.solve(bigX, bigY, SquaredEuclidean.full(), SinkhornOptions.defaults()
                .withEpsilonRel(rel).withThreshold(1e-4).withDType(DType.FLOAT32).withMaxIterations(2000)
                .withMode(SinkhornMode.ONLINE));
        double denseGib = (double) large * large * 4 / (1L << 30);
        report.metric("large_seconds", big.seconds()).metric("large_iterations", big.iterations())
                .metric("large_seconds_per_iteration", big.seconds() / Math.max(1, big.iterations()))
                .metric("large_converged", big.converged() ? 1 : 0).metric("large_marginal_error", big.marginalError())
                .metric("large_regularized_cost", big.regularizedCost())
                .metric("large_dense_matrix_gib", denseGib);
        long peak = peakResidentKib();
        if (peak > 0) {
            report.metric("peak_resident_mib", peak / 1024.0);
        }
        context.log(String.format(Locale.ROOT, "n = m = %d: %s after %d iterations, %.1f s (%.2f s/iteration), "
                + "error %.2e, OT_eps %.6f; the dense float32 matrix would be %.1f GiB; peak RSS %.0f MiB",
                large, big.converged() ? "converged" : "NOT converged", big.iterations(), big.seconds(),
                big.seconds() / Math.max(1, big.iterations()), big.marginalError(), big.regularizedCost(), denseGib,
                peak / 1024.0));
        return report;
    }

    /** Peak resident set size of this process (Linux /proc), or −1 where unavailable. */
    private static long peakResidentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
