package io.github.mongeot.experiments.neuralot;

import static io.github.mongeot.experiments.report.Stats.mean;
import static io.github.mongeot.experiments.report.Stats.std;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.exact.ExactOT;
import io.github.mongeot.core.exact.ExactResult;
import io.github.mongeot.core.metrics.MarginalFit;
import io.github.mongeot.core.onedim.OneDimensionalOT;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.methods.neuralot.NotModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The measurements the neural-OT experiments share: marginal fit of T#μ by exact W₂² on fresh
 * samples (one latent draw per input) beside the noise floor (exact W₂² between two independent
 * target samples of the same size), each the mean over repeated fresh draws because a single
 * 1024-point W₂² varies by a factor of several from draw to draw, transport cost E‖x − T(x, z)‖², conditional spread
 * E_x tr Cov(T(x, ·)), and pictures of the plan (input → several outputs) and of the discrete OT plan.
 */
final class NotToyMetrics {
    /** Points per cloud in the exact W₂² evaluations and the discrete OT plan. */
    static final int EVAL_POINTS = 1024;
    /** Inputs and draws per input in the conditional-variance estimate. */
    static final int SPREAD_INPUTS = 256;
    static final int SPREAD_DRAWS = 32;
    /** Fresh draws averaged in w2_fit and in the noise floor: 2-D (network simplex) and 1-D (sorting, cheap). */
    static final int REPEATS_2D = 10;
    static final int REPEATS_1D = 100;
    /** Points per cloud of the 1-D large-sample check, where the floor is small and the map's own error shows. */
    static final int LARGE_1D_POINTS = 100_000;

    private NotToyMetrics() {
    }

    /** T(x_i, z_i) with one latent draw per row. */
    static double[][] pushForward(NotModel model, double[][] x, long seed) {
        double[][][] draws = model.sample(x, 1, seed);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = draws[i][0];
        }
        return out;
    }

    /**
     * Exact W₂² between two equal-size uniform clouds: in 1-D by sorting (the monotone rearrangement is
     * optimal for the convex cost (x − y)², OneDimensionalOT), otherwise by the network simplex.
     */
    static double w2Squared(double[][] a, double[][] b) {
        if (a.length > 0 && a[0].length == 1) {
            return OneDimensionalOT.solve(firstColumn(a), firstColumn(b), t -> t * t).cost();
        }
        return MarginalFit.w2SquaredExact(a, b);
    }

    private static double[] firstColumn(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][0];
        }
        return out;
    }

    /** One output per input row; the seed picks the latent draws. */
    interface Push {
        double[][] apply(double[][] x, long seed);
    }

    static Push push(NotModel model) {
        return (x, seed) -> pushForward(model, x, seed);
    }

    /**
     * Per repeat r: fit_r = W₂²(T#μ̂_r, ν̂_r) and floor_r = W₂²(ν̂'_r, ν̂_r) on fresh μ̂_r, ν̂_r, ν̂'_r of
     * {@code points} each (the two share ν̂_r, so their ratio is less noisy than two unrelated draws).
     */
    static FitVsFloor fitVsFloor(Push map, NotProblems.Sampler mu, NotProblems.Sampler nu, int points, int repeats, Random rng,
            long seed) {
        if (repeats < 1 || points < 1) {
            throw new IllegalArgumentException("need >= 1 repeat of >= 1 point, got " + repeats + " x " + points);
        }
        double[] fit = new double[repeats];
        double[] floor = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            double[][] x = mu.sample(points, rng);
            double[][] y = nu.sample(points, rng);
            double[][] y2 = nu.sample(points, rng);
            fit[r] = w2Squared(map.apply(x, seed + r), y);
            floor[r] = w2Squared(y2, y);
        }
        return new FitVsFloor(fit, floor);
    }

    /** The repeated w2_fit and noise-floor values, their means, sample standard deviations, and ratio. */
    record FitVsFloor(double[] fit, double[] floor) {
        double fitMean() {
            return mean(fit);
        }

        double floorMean() {
            return mean(floor);
        }

        double fitStd() {
            return std(fit);
        }

        double floorStd() {
            return std(floor);
        }

        double ratio() {
            return fitMean() / floorMean();
        }
    }

    static double w2Fit(NotModel model, double[][] x, double[][] y, long seed) {
        return MarginalFit.w2SquaredExact(pushForward(model, x, seed), y);
    }

    static double noiseFloor(double[][] y1, double[][] y2) {
        return MarginalFit.w2SquaredExact(y1, y2);
    }

    /** E‖x − T(x, z)‖² over the rows, 8 latent draws each. */
    static double transportCost(NotModel model, double[][] x, long seed) {
        double[][][] draws = model.sample(x, 8, seed);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            for (double[] y : draws[i]) {
                for (int c = 0; c < y.length; c++) {
                    sum += (x[i][c] - y[c]) * (x[i][c] - y[c]);
                }
            }
        }
        return sum / (8.0 * x.length);
    }

    static double conditionalVariance(NotModel model, double[][] x, long seed) {
        return model.conditionalVariance(Arrays.copyOf(x, Math.min(x.length, SPREAD_INPUTS)), SPREAD_DRAWS, seed);
    }

    /** The exact OT plan between two equal-size uniform clouds (a permutation): the cost and its pairs. */
    static ExactResult discretePlan(double[][] x, double[][] y) {
        ExactResult r = ExactOT.solve(PointCloud.of("source samples", x), PointCloud.of("target samples", y), SquaredEuclidean.full());
        if (!r.converged()) {
            throw new IllegalStateException("network simplex stopped before optimality (" + r.status() + ")");
        }
        return r;
    }

    /** 2-D: segments from each of the first {@code inputs} rows of x to {@code draws} of its images, over ν and T#μ. */
    static void planFigure(String title, NotModel model, double[][] x, double[][] target, int inputs, int draws, long seed, Path png)
            throws IOException {
        double[][] shown = Arrays.copyOf(x, inputs);
        double[][][] ys = model.sample(shown, draws, seed);
        List<double[][]> lines = new ArrayList<>();
        List<double[]> ends = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            for (double[] y : ys[i]) {
                lines.add(new double[][] {shown[i], y});
                ends.add(y);
            }
        }
        Figures.polylines(title, List.of(new Figures.Series("target ν", target),
                new Figures.Series("T#μ", pushForward(model, x, seed + 1)), new Figures.Series("inputs x", shown),
                new Figures.Series("T(x, z_k)", ends.toArray(new double[0][])) ), lines, png);
    }

    /** 2-D: the discrete OT plan of the samples, segments x_i → y_σ(i) for the first {@code inputs} rows. */
    static void discretePlanFigure(String title, ExactResult plan, double[][] x, double[][] y, int inputs, Path png) throws IOException {
        int[] rows = plan.rows();
        int[] cols = plan.cols();
        List<double[][]> lines = new ArrayList<>();
        List<double[]> starts = new ArrayList<>();
        List<double[]> ends = new ArrayList<>();
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < inputs) {
                lines.add(new double[][] {x[rows[k]], y[cols[k]]});
                starts.add(x[rows[k]]);
                ends.add(y[cols[k]]);
            }
        }
        Figures.polylines(title, List.of(new Figures.Series("target samples", y), new Figures.Series("source samples", x),
                new Figures.Series("inputs x", starts.toArray(new double[0][])),
                new Figures.Series("OT partners", ends.toArray(new double[0][]))), lines, png);
    }

    /** 1-D: the plan as the joint scatter (x, T(x, z)) next to the discrete OT pairs (x_i, y_σ(i)). */
    static void jointFigure(String title, NotModel model, double[][] x, ExactResult plan, double[][] xs, double[][] ys, long seed,
            Path png) throws IOException {
        double[][] pushed = pushForward(model, x, seed);
        double[][] learned = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            learned[i] = new double[] {x[i][0], pushed[i][0]};
        }
        int[] rows = plan.rows();
        int[] cols = plan.cols();
        double[][] discrete = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            discrete[k] = new double[] {xs[rows[k]][0], ys[cols[k]][0]};
        }
        Figures.scatter(title, List.of(new Figures.Series("discrete OT (x_i, y_σ(i))", discrete),
                new Figures.Series("NOT (x, T(x, z))", learned)), png);
    }
}
