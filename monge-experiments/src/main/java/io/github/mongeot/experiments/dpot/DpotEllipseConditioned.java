package io.github.mongeot.experiments.dpot;

import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.experiments.Experiment;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.report.Report;
import io.github.mongeot.methods.dpot.DpotModel;
import io.github.mongeot.methods.dpot.DpotOptions;
import io.github.mongeot.methods.dpot.DpotProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Conditional DPOT: one network T(x; η) for the family of ellipse problems whose target has shear
 * η ∈ [0, 1]; trained on random η, scored at unseen η against the exact affine maps.
 */
public final class DpotEllipseConditioned implements Experiment {
    static final double[] TEST_ETAS = {0.25, 0.75};

    @Override
    public String name() {
        return "dpot-ellipse-conditioned";
    }

    @Override
    public String description() {
        return "Conditional DPOT: ellipse -> sheared ellipse for a family of shears eta, evaluated at unseen eta.";
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        boolean quick = context.quick();
        DpotOptions options = DpotOptions.defaults().withSeed(context.seed()).withConditions(quick ? 3 : 4)
                .withSteps(quick ? 800 : 2500).withBatchSize(quick ? 300 : 600).withWidth(quick ? 64 : 128);
        int pairs = quick ? 12 : 30;
        int n = quick ? 1500 : 4000;
        Random rng = new Random(context.seed());
        List<DpotProblem.Pair> list = new ArrayList<>();
        for (int k = 0; k < pairs; k++) {
            double eta = rng.nextDouble();
            list.add(new DpotProblem.Pair(new double[] {eta},
                    PointCloud.of(DpotProblems.ellipse(rng, n, DpotProblems.ELLIPSE_SOURCE, new double[2])),
                    PointCloud.of(DpotProblems.ellipse(rng, n, DpotProblems.ellipseTarget(eta), DpotProblems.ELLIPSE_TARGET_MEAN))));
        }
        Report report = DpotRuns.config(new Report(name(), quick), options).config("training_conditions", pairs)
                .config("samples_per_condition", n).config("eta_distribution", "U(0, 1)")
                .paper("relative_l2_error", "numbers lost in the seed's conversion; target here: <= 5% at unseen eta");
        DpotModel model = DpotRuns.fit(context, report, options, new DpotProblem(list), "");
        double[][] test = DpotProblems.ellipse(rng, 5000, DpotProblems.ELLIPSE_SOURCE, new double[2]);
        List<Figures.Series> series = new ArrayList<>();
        series.add(new Figures.Series("source", test));
        for (double eta : TEST_ETAS) {
            double[][] truth = DpotProblems.ellipseMap(DpotProblems.ELLIPSE_SOURCE, new double[2], DpotProblems.ellipseTarget(eta),
                    DpotProblems.ELLIPSE_TARGET_MEAN).apply(test);
            double[][] mapped = model.apply(test, new double[] {eta});
            double error = DpotProblems.relativeL2(mapped, truth);
            report.metric("relative_l2_error_eta_" + Report.keyNumber(eta), error);
            context.log(String.format(Locale.ROOT, "unseen eta = %.2f: relative L2 error %.2f%%", eta, 100 * error));
            series.add(new Figures.Series("T(x; η = " + eta + ")", mapped));
        }
        Figures.scatter("Conditional DPOT: one network, unseen shears η", series, context.file("conditioned.png"));
        report.figure("conditioned.png");
        return report;
    }
}
