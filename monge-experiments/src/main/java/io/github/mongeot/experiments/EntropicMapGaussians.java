package io.github.mongeot.experiments;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.entropic.EntropicMapEstimator;
import io.github.mongeot.core.entropic.EntropicMapModel;
import io.github.mongeot.core.gaussian.BuresMap;
import io.github.mongeot.core.gaussian.Gaussian;
import io.github.mongeot.core.gaussian.Matrices;
import io.github.mongeot.core.metrics.Metrics;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.methods.w2gn.W2gnEstimator;
import io.github.mongeot.methods.w2gn.W2gnModel;
import io.github.mongeot.methods.w2gn.W2gnOptions;
import io.github.mongeot.experiments.report.Report;
import java.util.Locale;
import java.util.Random;

/**
 * The entropic map estimator (Pooladian &amp; Niles-Weed 2021) between two Gaussians, scored against the
 * exact Bures map with L2-UVP and cos (Korotin et al. 2021) on fresh samples, for several ε and
 * dimensions; the linear (empirical Bures) estimator and the W2GN neural dual (Korotin et al. 2021,
 * trained on the same samples) are the baselines.
 */
public final class EntropicMapGaussians implements Experiment {
    @Override
    public String name() {
        return "entropic-map-gaussians";
    }

    @Override
    public String description() {
        return "Entropic map between Gaussians vs the exact Bures map (L2-UVP, cos).";
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        int n = context.quick() ? 500 : 2000;
        int test = 2000;
        int[] dims = context.quick() ? new int[] {2} : new int[] {2, 4, 8};
        double[] rels = context.quick() ? new double[] {0.05, 0.01} : new double[] {0.1, 0.05, 0.01, 0.005};
        W2gnOptions w2gn = w2gnOptions(context);
        Report report = new Report(name(), context.quick())
                .config("n_fit", n).config("n_test", test).config("dims", dims).config("epsilon_rel", rels)
                .config("w2gn_steps", w2gn.steps()).config("w2gn_batch", w2gn.batchSize()).config("w2gn_hidden", w2gn.hidden())
                .config("w2gn_lr", w2gn.learningRate()).config("w2gn_lambda", w2gn.lambdaCycle())
                .config("w2gn_dtype", w2gn.dtype().name().toLowerCase(Locale.ROOT))
                .config("cost", "sqeuclidean").config("seed", context.seed())
                .paper("reference", "exact Bures map (closed form); no paper table for this experiment");
        Random rng = new Random(context.seed());
        for (int d : dims) {
            Gaussian mu = randomGaussian(rng, d, 0.0);
            Gaussian nu = randomGaussian(rng, d, 2.0);
            BuresMap truth = BuresMap.between(mu, nu);
            double[][] xs = mu.sample(n, rng);
            double[][] ys = nu.sample(n, rng);
            double[][] fresh = mu.sample(test, rng);
            double[][] exact = truth.apply(fresh);
            double variance = Matrices.trace(nu.covariance());
            String suffix = "_d" + d;
            double[][] mapped = null;
            for (double rel : rels) {
                EntropicMapModel model = new EntropicMapEstimator(SquaredEuclidean.full(),
                        SinkhornOptions.defaults().withEpsilonRel(rel).withEpsilonScaling(Math.max(1, 0.5 / rel), 0.5)
                                .withMaxIterations(50_000))
                        .fit(PointCloud.of("source", xs), PointCloud.of("target", ys));
                double[][] out = model.apply(fresh);
                double l2uvp = Metrics.l2uvp(out, exact, variance);
                double cos = Metrics.cosine(fresh, out, exact);
                String key = "eps_rel_" + Report.keyNumber(rel) + suffix;
                report.metric("l2uvp_" + key, l2uvp).metric("cos_" + key, cos);
                context.log(String.format(Locale.ROOT, "d=%d eps_rel=%s: L2-UVP %.3f%%, cos %.5f (%s Sinkhorn iterations)",
                        d, rel, l2uvp, cos, model.fitReport().get("iterations")));
                if (mapped == null) {
                    mapped = out;
                }
            }
            double[][] linear = BuresMap.between(Gaussian.fromSamples(xs), Gaussian.fromSamples(ys)).apply(fresh);
            report.metric("l2uvp_linear" + suffix, Metrics.l2uvp(linear, exact, variance))
                    .metric("cos_linear" + suffix, Metrics.cosine(fresh, linear, exact));
            long start = System.nanoTime();
            W2gnModel neural = new W2gnEstimator(w2gn.withSeed(context.seed() + d))
                    .fit(PointCloud.of("source", xs), PointCloud.of("target", ys));
            double fitSeconds = (System.nanoTime() - start) / 1e9;
            double[][] neuralOut = neural.apply(fresh);
            double l2uvpW2gn = Metrics.l2uvp(neuralOut, exact, variance);
            double cosW2gn = Metrics.cosine(fresh, neuralOut, exact);
            report.metric("l2uvp_w2gn" + suffix, l2uvpW2gn).metric("cos_w2gn" + suffix, cosW2gn)
                    .metric("fit_seconds_w2gn" + suffix, fitSeconds);
            context.log(String.format(Locale.ROOT, "d=%d w2gn: L2-UVP %.3f%%, cos %.5f (%d steps, %.1f s)",
                    d, l2uvpW2gn, cosW2gn, w2gn.steps(), fitSeconds));
            if (d == 2) {
                String png = "map_d2.png";
                Figures.transportMap("Entropic map between Gaussians (ε_rel = " + rels[0] + ")",
                        fresh, nu.sample(test, rng), mapped, 150, context.file(png));
                report.figure(png);
            }
        }
        return report;
    }

    /**
     * W2GN's settings: a short training in --quick, the estimator's defaults (5000 steps of 1024,
     * 64-64 ICNNs, float32) otherwise.
     */
    static W2gnOptions w2gnOptions(ExperimentContext context) {
        W2gnOptions defaults = W2gnOptions.defaults();
        return context.quick()
                ? defaults.withSteps(300).withBatchSize(256).withLearningRate(1e-2).withHidden(java.util.List.of(32, 32))
                : defaults;
    }

    /** N(m, Σ) with mean shift·1 and a random well-conditioned covariance Σ = Q diag(λ) Qᵀ, λ ∈ [0.25, 2]. */
    static Gaussian randomGaussian(Random rng, int d, double shift) {
        double[][] a = new double[d][d];
        for (double[] row : a) {
            for (int k = 0; k < d; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        double[][] q = gramSchmidt(a);
        double[][] cov = new double[d][d];
        double[] lambda = new double[d];
        for (int k = 0; k < d; k++) {
            lambda[k] = 0.25 + 1.75 * rng.nextDouble();
        }
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += q[r][k] * lambda[k] * q[c][k];
                }
                cov[r][c] = s;
            }
        }
        double[] mean = new double[d];
        java.util.Arrays.fill(mean, shift);
        return new Gaussian(mean, Matrices.symmetrize(cov));
    }

    private static double[][] gramSchmidt(double[][] a) {
        int d = a.length;
        double[][] q = new double[d][d];
        for (int c = 0; c < d; c++) {
            double[] v = new double[d];
            for (int r = 0; r < d; r++) {
                v[r] = a[r][c];
            }
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int r = 0; r < d; r++) {
                    dot += v[r] * q[r][p];
                }
                for (int r = 0; r < d; r++) {
                    v[r] -= dot * q[r][p];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < d; r++) {
                q[r][c] = v[r] / norm;
            }
        }
        return q;
    }
}
