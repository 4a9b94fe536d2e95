package io.github.mongeot.experiments.w2bench;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.entropic.EntropicMapEstimator;
import io.github.mongeot.core.entropic.EntropicMapModel;
import io.github.mongeot.core.gaussian.BuresMap;
import io.github.mongeot.core.gaussian.Gaussian;
import io.github.mongeot.core.metrics.Metrics;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.experiments.Experiment;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.report.Report;
import io.github.mongeot.methods.dpot.DpotEstimator;
import io.github.mongeot.methods.dpot.DpotModel;
import io.github.mongeot.methods.dpot.DpotOptions;
import io.github.mongeot.methods.neuralot.GammaSchedule;
import io.github.mongeot.methods.neuralot.NotEstimator;
import io.github.mongeot.methods.neuralot.NotModel;
import io.github.mongeot.methods.neuralot.NotOptions;
import io.github.mongeot.methods.w2gn.W2gnEstimator;
import io.github.mongeot.methods.w2gn.W2gnModel;
import io.github.mongeot.methods.w2gn.W2gnOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The continuous Wasserstein-2 benchmark (Korotin et al., NeurIPS 2021, "Do neural OT solvers work?"),
 * Mix3toMix10 pairs: every Monge estimator for the quadratic cost is fitted on samples of P and Q and
 * scored against the known map T* by L2-UVP and cos on the pair's 4096 reference points (forward, and
 * inverse where the estimator has one). Input: {@code --data DIR} (default: the shipped d = 2, 4) and
 * {@code --dims 2,4,...} (default: every dimension in DIR; --quick: the smallest).
 */
public final class W2Benchmark implements Experiment {
    private final List<BenchmarkEstimator> estimators;

    public W2Benchmark() {
        this(defaultEstimators());
    }

    public W2Benchmark(List<BenchmarkEstimator> estimators) {
        this.estimators = List.copyOf(estimators);
    }

    @Override
    public String name() {
        return "w2bench";
    }

    @Override
    public String description() {
        return "Continuous W2 benchmark (Mix3toMix10): L2-UVP and cos of every quadratic-cost estimator.";
    }

    /** The linear (Bures) baseline, entropic maps at two ε, W2GN, DPOT and NOT (strong and variance-penalised). */
    public static List<BenchmarkEstimator> defaultEstimators() {
        List<BenchmarkEstimator> all = new ArrayList<>();
        all.add(linear());
        for (double rel : new double[] {0.05, 0.01}) {
            all.add(entropic(rel));
        }
        all.add(w2gn());
        all.add(dpot());
        all.add(neuralOt("not_strong", false));
        all.add(neuralOt("not_penalty", true));
        return all;
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        Path dir = context.option("data").map(Path::of)
                .orElseGet(() -> Mix3ToMix10.extractShipped(context.file("data")));
        List<Integer> dims = context.option("dims").map(W2Benchmark::parseDims).orElseGet(() -> {
            List<Integer> all = Mix3ToMix10.dims(dir);
            return context.quick() ? all.subList(0, Math.min(1, all.size())) : all;
        });
        if (dims.isEmpty()) {
            throw new InvalidInputException(dir + ": no W2 benchmark files ({d}_reference.npz)");
        }
        int n = context.quick() ? 1024 : 4096;
        Report report = new Report(name(), context.quick()).config("data", dir.toString()).config("dims", dims)
                .config("n_fit", n).config("n_test", 4096).config("seed", context.seed())
                .config("estimators", estimators.stream().map(BenchmarkEstimator::name).toList())
                .paper("source", "Korotin et al. 2021, Mix3toMix10; linear baseline and identity from the converted "
                        + "files' README (65536 points)")
                .paper("l2uvp_linear_d2", 14.07).paper("cos_linear_d2", 0.753)
                .paper("l2uvp_linear_d4", 14.79).paper("cos_linear_d4", 0.811)
                .paper("l2uvp_identity_d2", 32.6).paper("l2uvp_identity_d4", 42.4);
        double[][] l2uvp = new double[estimators.size()][dims.size()];
        for (int k = 0; k < dims.size(); k++) {
            int d = dims.get(k);
            Mix3ToMix10 pair = Mix3ToMix10.load(dir, d);
            Random rng = new Random(context.seed() * 1000 + d);
            double[][] xs = pair.sampleSource(rng, n);
            double[][] ys = pair.sampleTarget(rng, n);
            double[][] x = pair.referenceSource();
            double[][] y = pair.referenceTarget();
            for (int e = 0; e < estimators.size(); e++) {
                BenchmarkEstimator estimator = estimators.get(e);
                long start = System.nanoTime();
                BenchmarkEstimator.Fitted fitted = estimator.fit().fit(xs, ys, context.seed() + d, context.quick());
                double seconds = (System.nanoTime() - start) / 1e9;
                String suffix = "_" + estimator.name() + "_d" + d;
                double[][] mapped = fitted.forward().apply(x);
                l2uvp[e][k] = Metrics.l2uvp(mapped, y, pair.targetVariance());
                double cos = Metrics.cosine(x, mapped, y);
                report.metric("l2uvp" + suffix, l2uvp[e][k]).metric("cos" + suffix, cos)
                        .metric("fit_seconds" + suffix, seconds);
                String inverseText = "";
                if (fitted.inverse() != null) {
                    double[][] back = fitted.inverse().apply(y);
                    double inv = Metrics.l2uvp(back, x, pair.sourceVariance());
                    double cosInv = Metrics.cosine(y, back, x);
                    report.metric("l2uvp_inverse" + suffix, inv).metric("cos_inverse" + suffix, cosInv);
                    inverseText = String.format(Locale.ROOT, "; inverse %.2f%% (cos %.3f)", inv, cosInv);
                }
                context.log(String.format(Locale.ROOT, "d = %d %-14s L2-UVP %6.2f%%  cos %.3f  fit %.1f s%s", d,
                        estimator.name(), l2uvp[e][k], cos, seconds, inverseText));
            }
        }
        String[] categories = dims.stream().map(d -> "d = " + d).toArray(String[]::new);
        List<Figures.Bar> bars = new ArrayList<>();
        for (int e = 0; e < estimators.size(); e++) {
            bars.add(new Figures.Bar(estimators.get(e).name(), l2uvp[e]));
        }
        Figures.bars("W2 benchmark Mix3toMix10: forward L2-UVP (%)", "L2-UVP (%)", true, categories, bars,
                context.file("l2uvp.png"));
        if (context.option("data").isEmpty()) {
            deleteExtracted(context.file("data"));
        }
        return report.figure("l2uvp.png");
    }

    static List<Integer> parseDims(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::strip).map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--dims: expected comma-separated integers, got '" + text + "'");
        }
    }

    private static void deleteExtracted(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    /** The linear baseline: the Bures map between the Gaussians with the samples' moments. */
    static BenchmarkEstimator linear() {
        return new BenchmarkEstimator("linear", (x, y, seed, quick) -> {
            BuresMap map = BuresMap.between(Gaussian.fromSamples(x), Gaussian.fromSamples(y));
            BuresMap inverse = map.inverse();
            return new BenchmarkEstimator.Fitted(map::apply, inverse::apply);
        });
    }

    /** The entropic map estimator (Pooladian &amp; Niles-Weed 2021) at ε = rel · mean C, forward and inverse. */
    static BenchmarkEstimator entropic(double rel) {
        return new BenchmarkEstimator("entropic_" + Report.keyNumber(rel), (x, y, seed, quick) -> {
            EntropicMapModel model = new EntropicMapEstimator(SquaredEuclidean.full(),
                    SinkhornOptions.defaults().withEpsilonRel(rel).withMaxIterations(50_000)).fit(PointCloud.of("source", x),
                    PointCloud.of("target", y));
            return new BenchmarkEstimator.Fitted(model::apply, model::applyInverse);
        });
    }

    /** W2GN (Korotin et al. 2021's own baseline): two ICNNs with a cycle penalty; forward and inverse. */
    static BenchmarkEstimator w2gn() {
        return new BenchmarkEstimator("w2gn", (x, y, seed, quick) -> {
            W2gnOptions defaults = W2gnOptions.defaults().withSeed(seed);
            W2gnOptions options = quick ? defaults.withSteps(300).withBatchSize(256).withLearningRate(1e-2) : defaults;
            W2gnModel model = new W2gnEstimator(options).fit(PointCloud.of("source", x), PointCloud.of("target", y));
            return new BenchmarkEstimator.Fitted(model::apply, model::applyInverse);
        });
    }

    /** DPOT (seed 003) with its inverse map: the seed's defaults, 2000 steps (--quick: 200). */
    static BenchmarkEstimator dpot() {
        return new BenchmarkEstimator("dpot", (x, y, seed, quick) -> {
            DpotOptions options = DpotOptions.defaults().withInverse(true).withSeed(seed)
                    .withBatchSize(Math.min(1000, x.length)).withSteps(quick ? 200 : 2000);
            DpotModel model = new DpotEstimator(options).fit(PointCloud.of("source", x), PointCloud.of("target", y));
            return new BenchmarkEstimator.Fitted(model::apply, model::applyInverse);
        });
    }

    /**
     * Neural OT (seed 002): the strong deterministic variant (no latent noise) or the variance-penalised
     * stochastic map (penalty 10, annealed over the first quarter), read out deterministically;
     * 3000 potential steps (--quick: 300).
     */
    static BenchmarkEstimator neuralOt(String name, boolean penalised) {
        return new BenchmarkEstimator(name, (x, y, seed, quick) -> {
            long steps = quick ? 300 : 3000;
            NotOptions base = NotOptions.defaults().withIterations(steps).withSeed(seed);
            NotOptions options = penalised
                    ? base.withGamma(GammaSchedule.variancePenalty(10, steps / 4))
                    : base.deterministic().withGamma(GammaSchedule.constant(0));
            NotModel model = new NotEstimator(options).fit(PointCloud.of("source", x), PointCloud.of("target", y));
            return new BenchmarkEstimator.Fitted(model::apply, null);
        });
    }
}
