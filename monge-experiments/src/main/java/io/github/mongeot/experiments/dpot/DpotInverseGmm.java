package io.github.mongeot.experiments.dpot;

import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.metrics.Metrics;
import io.github.mongeot.experiments.Experiment;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.report.Report;
import io.github.mongeot.methods.dpot.DpotModel;
import io.github.mongeot.methods.dpot.DpotOptions;
import io.github.mongeot.methods.dpot.DpotProblem;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * DPOT with its inverse map (the seed's Section 4.4): a four-corner Gaussian mixture ↔ a centred
 * Gaussian with a modified MLP; no closed form, so the cycle residuals (4.4)/(4.5) and W₂ of
 * both pushforwards on fresh samples.
 */
public final class DpotInverseGmm implements Experiment {
    @Override
    public String name() {
        return "dpot-inverse-gmm";
    }

    @Override
    public String description() {
        return "DPOT forward and inverse maps: four-corner Gaussian mixture <-> centred Gaussian (cycle residuals, W2).";
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        boolean quick = context.quick();
        DpotOptions options = DpotOptions.defaults().withSeed(context.seed()).withArchitecture(DpotOptions.Architecture.MODIFIED_MLP)
                .withActivation(io.github.mongeot.nn.net.Activation.TANH).withWidth(quick ? 64 : 128).withDepth(3).withInverse(true)
                .withSteps(quick ? 800 : 3000).withBatchSize(quick ? 400 : 1000);
        int n = quick ? 4000 : 20000;
        Random rng = new Random(context.seed());
        DpotProblem problem = DpotProblem.of(PointCloud.of(DpotProblems.fourCorners(rng, n, 1.0, 0.2)),
                PointCloud.of(DpotProblems.centredGaussian(rng, n, 0.5)));
        Report report = DpotRuns.config(new Report(name(), quick), options).config("mixture", "N((+-1, +-1), 0.2^2 I), equal weights")
                .config("target", "N(0, 0.5^2 I)").config("cycle_weights", options.cycleForward() + "," + options.cycleInverse())
                .config("cycle_residual_definition", "mean ||S(T(x)) - x||^2 over fresh x (forward), mean ||T(S(y)) - y||^2 (inverse)")
                .paper("cycle_residuals", "the seed's residuals (4.4)/(4.5) converge to small values; the numbers were lost in "
                        + "conversion");
        DpotModel model = DpotRuns.fit(context, report, options, problem, "");
        int m = 1500;
        double[][] x = DpotProblems.fourCorners(rng, m, 1.0, 0.2);
        double[][] y = DpotProblems.centredGaussian(rng, m, 0.5);
        double[][] tx = model.apply(x);
        double[][] sy = model.applyInverse(y);
        double cycleForward = Metrics.mse(model.applyInverse(tx), x);
        double cycleInverse = Metrics.mse(model.apply(sy), y);
        double w2Forward = DpotRuns.w2(tx, DpotProblems.centredGaussian(rng, m, 0.5));
        double w2Inverse = DpotRuns.w2(sy, DpotProblems.fourCorners(rng, m, 1.0, 0.2));
        double w2Noise = DpotRuns.w2(y, DpotProblems.centredGaussian(rng, m, 0.5));
        report.metric("cycle_residual_forward", cycleForward).metric("cycle_residual_inverse", cycleInverse)
                .metric("w2_forward", w2Forward).metric("w2_inverse", w2Inverse).metric("w2_between_two_target_samples", w2Noise);
        context.log(String.format(Locale.ROOT, "cycle residuals %.2e / %.2e; W2(T#mu, nu) %.4f, W2(S#nu, mu) %.4f (two samples of nu: %.4f)",
                cycleForward, cycleInverse, w2Forward, w2Inverse, w2Noise));
        Figures.scatter("DPOT forward: mixture → Gaussian", List.of(new Figures.Series("source x", x),
                new Figures.Series("T(x)", tx)), context.file("forward.png"));
        Figures.scatter("DPOT inverse: Gaussian → mixture", List.of(new Figures.Series("target y", y),
                new Figures.Series("S(y)", sy)), context.file("inverse.png"));
        report.figure("forward.png").figure("inverse.png");
        return report;
    }
}
