package io.github.mongeot.experiments.gradnet;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.gaussian.BuresMap;
import io.github.mongeot.core.gaussian.Gaussian;
import io.github.mongeot.core.gaussian.Matrices;
import io.github.mongeot.core.metrics.Metrics;
import io.github.mongeot.experiments.Experiment;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.report.Report;
import io.github.mongeot.methods.gradnet.GaussianMixtureDensity;
import io.github.mongeot.methods.gradnet.GradnetModel;
import io.github.mongeot.methods.gradnet.GradnetOptions;
import io.github.mongeot.methods.gradnet.GradnetOptions.Architecture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * GradNetOT §VI-A, Fig. 2: whitening N(m, Σ) → N(0, I) in d ∈ {2, …, 128} with m ~ N(0, I_d) and
 * Σ ~ Wishart(d + 1, I_d); MSE of mGradNet-C and mGradNet-M to the exact map on 1000 test points.
 * Widths grow with d (the Jacobian of an h-row network has rank ≤ h, so h ≥ d is needed for a
 * finite log-determinant): mGradNet-C h = max(32, 2d), L = 4; mGradNet-M K = 4, h = max(32, d).
 * {@code --dims 32,64} runs a subset (the same problems as in the full run).
 */
public final class GradnetGaussianHd implements Experiment {
    @Override
    public String name() {
        return "gradnet-gaussian-hd";
    }

    @Override
    public String description() {
        return "GradNetOT: Gaussian whitening in d = 2..128, mGradNet-C vs mGradNet-M (MSE to the exact map).";
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        int[] dims = context.option("dims").map(GradnetGaussianHd::parseDims)
                .orElse(context.quick() ? Arrays.copyOf(ALL_DIMS, 4) : ALL_DIMS.clone());
        for (int d : dims) {
            if (Arrays.stream(ALL_DIMS).noneMatch(x -> x == d)) {
                throw new InvalidInputException("gradnet-gaussian-hd: --dims " + d + " is not one of 2, 4, 8, 16, 32, 64, 128");
            }
        }
        GradnetOptions base = GradnetGaussian2d.training(context);
        Report report = new Report(name(), context.quick()).config("dims", dims).config("steps", base.steps())
                .config("batch", base.batchSize()).config("lr", base.learningRate()).config("lr_cosine_floor", base.cosineFloor())
                .config("clip", base.clipNorm()).config("loss", base.loss().id())
                .config("dtype", base.dtype().name().toLowerCase(Locale.ROOT)).config("test_points", 1000)
                .config("mgradnet_c", "h=max(32,2d), L=4, tanh").config("mgradnet_m", "K=4, h=max(32,d), softmax")
                .config("seed", context.seed())
                .paper("figure", "Fig. 2 (bar chart, no table): both nets approximate T* closely in every d; mGradNet-M below mGradNet-C")
                .paper("target", "issue: every MSE <= 1e-3 for d <= 16, mGradNet-M <= mGradNet-C in most d");
        double[] mseC = new double[dims.length];
        double[] mseM = new double[dims.length];
        Random rng = new Random(context.seed());
        int i = -1;
        for (int d : ALL_DIMS) {
            // every dimension's problem is drawn in turn, so --dims picks the same problems as the full run
            Gaussian mu = wishartGaussian(rng, d);
            double[][] test = mu.sample(1000, rng);
            if (Arrays.stream(dims).noneMatch(x -> x == d)) {
                continue;
            }
            i++;
            Gaussian nu = Gaussian.standard(d);
            BuresMap truth = BuresMap.between(mu, nu);
            double[][] exact = truth.apply(test);
            GradnetModel c = GradnetRuns.fit(context, "d=" + d + " mgradnet-c", base.withArchitecture(Architecture.MGRADNET_C)
                    .withShape(Math.max(32, 2 * d), 4).withSeed(context.seed() + d), GaussianMixtureDensity.gaussian(mu),
                    GaussianMixtureDensity.gaussian(nu));
            GradnetModel m = GradnetRuns.fit(context, "d=" + d + " mgradnet-m", base.withArchitecture(Architecture.MGRADNET_M)
                    .withShape(Math.max(32, d), 4).withSeed(context.seed() + d), GaussianMixtureDensity.gaussian(mu),
                    GaussianMixtureDensity.gaussian(nu));
            double[][] mappedM = m.apply(test);
            mseC[i] = GradnetRuns.mse(c.apply(test), exact);
            mseM[i] = GradnetRuns.mse(mappedM, exact);
            report.metric("mse_mgradnet_c_d" + d, mseC[i]).metric("mse_mgradnet_m_d" + d, mseM[i])
                    .metric("l2uvp_mgradnet_m_d" + d, Metrics.l2uvp(mappedM, exact, Matrices.trace(nu.covariance())))
                    .metric("ms_per_step_mgradnet_c_d" + d, c.fitReport().get("ms_per_step").asDouble())
                    .metric("ms_per_step_mgradnet_m_d" + d, m.fitReport().get("ms_per_step").asDouble());
            context.log(String.format(Locale.ROOT, "d=%d: MSE mGradNet-C %.3g, mGradNet-M %.3g", d, mseC[i], mseM[i]));
        }
        String[] categories = new String[dims.length];
        for (int k = 0; k < dims.length; k++) {
            categories[k] = "d=" + dims[k];
        }
        List<Figures.Bar> bars = new ArrayList<>(List.of(new Figures.Bar("mGradNet-C", mseC), new Figures.Bar("mGradNet-M", mseM)));
        Figures.bars("GradNetOT: MSE to the whitening map", "MSE", false, categories, bars, context.file("mse_by_dimension.png"));
        report.figure("mse_by_dimension.png");
        return report;
    }

    private static final int[] ALL_DIMS = {2, 4, 8, 16, 32, 64, 128};

    private static int[] parseDims(String list) {
        try {
            return Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).sorted().distinct().toArray();
        } catch (NumberFormatException e) {
            throw new InvalidInputException("gradnet-gaussian-hd: --dims expects comma-separated integers, got '" + list + "'");
        }
    }

    /** N(m, Σ) with m ~ N(0, I_d) and Σ = G Gᵀ for a d × (d + 1) standard normal G (Wishart(d + 1, I_d)). */
    static Gaussian wishartGaussian(Random rng, int d) {
        double[] mean = new double[d];
        double[][] g = new double[d][d + 1];
        for (int r = 0; r < d; r++) {
            mean[r] = rng.nextGaussian();
            for (int c = 0; c <= d; c++) {
                g[r][c] = rng.nextGaussian();
            }
        }
        return new Gaussian(mean, Matrices.symmetrize(Matrices.multiply(g, Matrices.transpose(g))));
    }
}
