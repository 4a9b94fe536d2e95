package io.github.mongeot.experiments.neuralot;

import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.experiments.Experiment;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.report.Report;
import io.github.mongeot.experiments.report.Stats;
import io.github.mongeot.methods.neuralot.NotEstimator;
import io.github.mongeot.methods.neuralot.NotModel;
import io.github.mongeot.methods.neuralot.NotOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The report's toy (§IV.1, Figure 1): a discrete source of four atoms to an equal mixture of four
 * uniform circles, with the cost ‖x − E_ρ y‖² (the γ-weak cost at γ = 1). The report saw one mode
 * dropped. modes_covered counts the circles that receive at least half their share (1/4) of T#μ ON
 * the circle (within r/4 of the ring, each output assigned to its nearest centre);
 * modes_reached_nearest_centre, the laxer count without the ring condition; arc_coverage, how much of
 * each ring is drawn. Note: this cost sees only conditional means, and with the atoms halfway to the
 * centres every atom can reach conditional mean = itself (e.g. ¾ of its circle and ¼ of the opposite
 * one), a zero-cost plan; so the optimum is not unique and need not send each atom to "its" circle —
 * only T#μ = ν is asked for, which is what the metrics check.
 */
public final class NotCircles implements Experiment {
    static final double[][] CENTRES = {{3, 3}, {-3, 3}, {-3, -3}, {3, -3}};
    static final double RADIUS = 1.0;
    /** The atoms sit halfway to their circles' centres. */
    static final double[][] ATOMS = {{1.5, 1.5}, {-1.5, 1.5}, {-1.5, -1.5}, {1.5, -1.5}};

    @Override
    public String name() {
        return "not-circles";
    }

    @Override
    public String description() {
        return "Neural OT, the report's toy: 4 atoms to 4 uniform circles with cost |x - E y|^2; modes covered (honest count).";
    }

    /**
     * The toys' settings (NotToy.options, with the same linear decay) but latent noise of std
     * {@value #LATENT_STD}. --quick, seed 0, tried: std 0.1 (the toys' value; the ReLU map must blow a
     * tiny blob up into a ring) covered 2 of 4 rings, w2_fit 1.87× the floor; std 1, 4 of 4 but short
     * arcs (arc coverage 0.38), 2.66×; std 0.5, 3 of 4 (the fourth at 124 of the 128 needed), arc
     * coverage 0.44, 1.61× — the best fit and arcs, hence the default.
     */
    static final double LATENT_STD = 0.5;

    static NotOptions options(ExperimentContext context) {
        NotOptions toy = NotToy.options(context, 2);
        return toy.withLatent(toy.latentDim(), LATENT_STD);
    }

    /** One trained seed's counts: outputs nearest each centre, and those also on its ring. */
    private record Modes(int[] nearest, int[] onRing, int covered, int reached, double onCircle, double[] arcs) {
        double arcCoverage() {
            return Stats.mean(arcs);
        }
    }

    /** Angular bins per ring in the arc coverage. */
    static final int ARC_BINS = 16;

    private static Modes modes(double[][] pushed) {
        int n = pushed.length;
        int[] counts = new int[CENTRES.length]; // outputs nearest to each centre
        int[] onRing = new int[CENTRES.length]; // ... that also lie on its circle (within r/4 of the ring)
        int[][] bins = new int[CENTRES.length][ARC_BINS]; // ... by angle around the centre
        for (double[] y : pushed) {
            int best = nearest(y);
            counts[best]++;
            double dx = y[0] - CENTRES[best][0];
            double dy = y[1] - CENTRES[best][1];
            if (Math.abs(Math.hypot(dx, dy) - RADIUS) < 0.25 * RADIUS) {
                onRing[best]++;
                int bin = (int) Math.floor((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI) * ARC_BINS);
                bins[best][Math.min(bin, ARC_BINS - 1)]++;
            }
        }
        // a bin counts as reached with a quarter of what a uniform ring share would put there
        double binFloor = 0.25 * n / (CENTRES.length * (double) ARC_BINS);
        double[] arcs = new double[CENTRES.length];
        for (int c = 0; c < CENTRES.length; c++) {
            for (int count : bins[c]) {
                arcs[c] += count >= binFloor ? 1.0 / ARC_BINS : 0;
            }
        }
        int covered = 0;
        int reached = 0;
        double onCircle = 0;
        for (int c = 0; c < CENTRES.length; c++) {
            covered += onRing[c] >= 0.5 * n / CENTRES.length ? 1 : 0;
            reached += counts[c] >= 0.5 * n / CENTRES.length ? 1 : 0;
            onCircle += onRing[c] / (double) n;
        }
        return new Modes(counts, onRing, covered, reached, onCircle, arcs);
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        NotOptions options = options(context);
        int seeds = NotToy.seeds(context);
        int n = NotToyMetrics.EVAL_POINTS;
        NotProblems.Sampler atoms = (count, rng) -> {
            double[][] x = new double[count][];
            for (int i = 0; i < count; i++) {
                x[i] = ATOMS[i % ATOMS.length];
            }
            return x;
        };
        NotProblems.Sampler circles = (count, rng) -> NotProblems.circles(count, rng, CENTRES, RADIUS);
        double[] covered = new double[seeds];
        double[] reached = new double[seeds];
        double[] onCircle = new double[seeds];
        double[] arcCoverage = new double[seeds];
        double[] fit = new double[seeds];
        double[] floor = new double[seeds];
        double[] ratio = new double[seeds];
        double[] fitSeconds = new double[seeds];
        Report report = new Report(name(), context.quick());
        for (int s = 0; s < seeds; s++) {
            long seed = context.seed() + s;
            Random rng = new Random(seed);
            double[][] ys = circles.sample(20_000, rng);
            long start = System.nanoTime();
            NotModel model = new NotEstimator(options.withSeed(seed)).withLinearDecay(NotToy.DECAY_FROM)
                    .fit(PointCloud.of("atoms", ATOMS), PointCloud.of("circles", ys));
            fitSeconds[s] = (System.nanoTime() - start) / 1e9;
            Modes m = modes(NotToyMetrics.pushForward(model, atoms.sample(n, rng), seed + 1));
            covered[s] = m.covered();
            reached[s] = m.reached();
            onCircle[s] = m.onCircle();
            arcCoverage[s] = m.arcCoverage();
            NotToyMetrics.FitVsFloor w2 = NotToyMetrics.fitVsFloor(NotToyMetrics.push(model), atoms, circles, n, NotToyMetrics.REPEATS_2D,
                    rng, seed + 1000);
            fit[s] = w2.fitMean();
            floor[s] = w2.floorMean();
            ratio[s] = w2.ratio();
            report.metric("modes_covered_seed" + s, m.covered()).metric("modes_reached_nearest_centre_seed" + s, m.reached())
                    .metric("w2_fit_over_floor_seed" + s, ratio[s]);
            if (s == 0) {
                for (int c = 0; c < CENTRES.length; c++) {
                    report.metric("share_nearest_" + c, m.nearest()[c] / (double) n).metric("share_on_circle_" + c, m.onRing()[c] / (double) n)
                            .metric("arc_coverage_" + c, m.arcs()[c]);
                }
                figure(context, model, ys);
                report.figure("circles.png");
            }
            context.log(String.format(Locale.ROOT, "not-circles seed %d: %d of %d modes covered on their circles (%d reached by nearest "
                    + "centre; on-circle counts %s), %.0f%% of outputs on a circle, arc coverage %.2f, w2_fit %.4f (floor %.4f, means of %d draws), fit %.1f s",
                    seed, m.covered(), CENTRES.length, m.reached(), java.util.Arrays.toString(m.onRing()), 100 * m.onCircle(), m.arcCoverage(), fit[s],
                    floor[s], NotToyMetrics.REPEATS_2D, fitSeconds[s]));
        }
        return report
                .config("f_steps", options.iterations()).config("map_steps", options.mapSteps()).config("draws", options.draws())
                .config("lr", options.mapLr()).config("lr_linear_decay_from", NotToy.DECAY_FROM).config("gamma", options.gamma().gamma())
                .config("latent_std", options.latentStd()).config("atoms", ATOMS).config("centres", CENTRES).config("radius", RADIUS)
                .config("seed", context.seed()).config("seeds", seeds).config("w2_draws", NotToyMetrics.REPEATS_2D)
                .config("modes_covered_definition", "a circle is covered when at least half its share (1/4) of 1024 outputs "
                        + "(256 per atom, one latent draw each) lies within r/4 of its ring, each output assigned to its nearest centre; "
                        + "modes_reached_nearest_centre drops the ring condition; arc_coverage = fraction of 16 equal angular bins per ring "
                        + "(mean over rings) holding at least a quarter of a uniform share (4 of the 1024 outputs), i.e. how much of each "
                        + "circle is drawn rather than a short arc; values are means over the seeds, *_min the worst seed")
                .metric("modes_covered", Stats.mean(covered)).metric("modes_covered_min", java.util.Arrays.stream(covered).min().orElseThrow())
                .metric("modes_reached_nearest_centre", Stats.mean(reached)).metric("modes", CENTRES.length)
                .metric("on_circle_fraction", Stats.mean(onCircle)).metric("arc_coverage", Stats.mean(arcCoverage))
                .metric("w2_fit", Stats.mean(fit)).metric("noise_floor", Stats.mean(floor))
                .metric("w2_fit_over_floor", Stats.mean(ratio))
                .metric("fit_seconds", Stats.mean(fitSeconds))
                .paper("modes_covered", "the report's Figure 1 shows one of the circles (upper right) not recovered");
    }

    private static void figure(ExperimentContext context, NotModel model, double[][] ys) throws java.io.IOException {
        double[][][] draws = model.sample(ATOMS, 256, context.seed() + 3);
        List<Figures.Series> series = new ArrayList<>();
        series.add(new Figures.Series("target circles", java.util.Arrays.copyOf(ys, 2000)));
        series.add(new Figures.Series("atoms", ATOMS));
        for (int a = 0; a < ATOMS.length; a++) {
            series.add(new Figures.Series("T(x" + a + ", z)", draws[a]));
        }
        Figures.scatter("not-circles: 256 draws of T(x, z) per atom", series, context.file("circles.png"));
    }

    private static int nearest(double[] y) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < CENTRES.length; c++) {
            double dist = Math.hypot(y[0] - CENTRES[c][0], y[1] - CENTRES[c][1]);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = c;
            }
        }
        return best;
    }
}
