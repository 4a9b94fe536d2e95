package io.github.mongeot.experiments;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.entropic.EntropicMapEstimator;
import io.github.mongeot.core.entropic.EntropicMapModel;
import io.github.mongeot.core.exact.ExactOT;
import io.github.mongeot.core.exact.ExactResult;
import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMaps;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.problems.Samples;
import io.github.mongeot.experiments.report.Report;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * The quickstart: N(0, I) onto two blobs in the plane. Solves exact OT, fits the entropic map,
 * saves and reloads it, maps fresh points, scores the fit and draws the map.
 */
public final class Demo {
    private Demo() {
    }

    public static Report run(Path outDir, PrintStream out) throws Exception {
        long start = System.nanoTime();
        int n = 1000;
        Random rng = new Random(2026);
        PointCloud source = PointCloud.of("source", Samples.standardNormal(rng, n, 2));
        PointCloud target = PointCloud.of("target", Samples.twoBlobs(rng, n, 2));
        double[][] fresh = Samples.standardNormal(rng, n, 2);
        ArrayIO.write(outDir.resolve("source.csv"), source.points());
        ArrayIO.write(outDir.resolve("target.csv"), target.points());

        ExactResult exact = ExactOT.solve(source, target, SquaredEuclidean.full());
        out.printf(Locale.ROOT, "exact OT (network simplex, %d × %d): W2² = %.6f%n", n, n, exact.cost());

        SinkhornOptions options = SinkhornOptions.defaults().withEpsilonRel(0.01);
        EntropicMapModel model = new EntropicMapEstimator(SquaredEuclidean.full(), options).fit(source, target);
        out.printf(Locale.ROOT, "entropic map: ε = %.5f (0.01 · mean cost), %s Sinkhorn iterations, %.3f s%n",
                model.map().epsilon(), model.fitReport().get("iterations"), model.fitReport().get("seconds").asDouble());

        Path modelFile = outDir.resolve("entropic-map.safetensors");
        model.save(modelFile);
        TransportMap loaded = TransportMaps.load(modelFile);
        double[][] mapped = loaded.apply(fresh);
        ArrayIO.write(outDir.resolve("mapped.csv"), mapped);

        // Marginal fit: exact W2² between the pushed fresh points and the target sample.
        double fit = ExactOT.solve(PointCloud.of("mapped", mapped), target, SquaredEuclidean.full()).cost();
        double moved = 0;
        for (int i = 0; i < n; i++) {
            double dx = mapped[i][0] - fresh[i][0];
            double dy = mapped[i][1] - fresh[i][1];
            moved += (dx * dx + dy * dy) / n;
        }
        out.printf(Locale.ROOT, "mapped %d fresh points: transport cost E‖T(x) − x‖² = %.4f (exact W2² %.4f), "
                + "W2²(T#μ, ν) = %.4f%n", n, moved, exact.cost(), fit);
        Path png = Figures.transportMap("Monge demo: entropic map N(0, I) → two blobs", fresh, target.points(),
                mapped, 200, outDir.resolve("map.png"));
        out.println("wrote " + modelFile + ", " + outDir.resolve("mapped.csv") + " and " + png);

        Report report = new Report("demo", false)
                .metric("exact_w2_squared", exact.cost())
                .metric("transport_cost_fresh", moved)
                .metric("w2_squared_pushforward_to_target", fit)
                .metric("sinkhorn_iterations", model.fitReport().get("iterations").asDouble())
                .config("n", n).config("epsilon_rel", 0.01).config("cost", "sqeuclidean")
                .figure("map.png");
        report.seconds((System.nanoTime() - start) / 1e9);
        report.write(outDir);
        return report;
    }
}
