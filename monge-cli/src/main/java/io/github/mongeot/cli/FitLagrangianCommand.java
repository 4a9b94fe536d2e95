package io.github.mongeot.cli;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.methods.lagrangian.Domain;
import io.github.mongeot.methods.lagrangian.Energy;
import io.github.mongeot.methods.lagrangian.Lagrangian;
import io.github.mongeot.methods.lagrangian.LagrangianEstimator;
import io.github.mongeot.methods.lagrangian.LagrangianModel;
import io.github.mongeot.methods.lagrangian.LagrangianOptions;
import io.github.mongeot.methods.lagrangian.Metric;
import io.github.mongeot.methods.lagrangian.Potential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code monge fit lagrangian}: neural Lagrangian OT (maps and paths), saved as a {@code lagrangian} model. */
@Command(name = "lagrangian", mixinStandardHelpOptions = true,
        description = "Fit Neural Lagrangian OT (Pooladian et al. 2024): the map and least-action paths for "
                + "L(x, v) = 1/2 v'A(x)v - U(x); 'monge apply --paths K' writes the paths.")
final class FitLagrangianCommand implements Callable<Integer> {
    private static final LagrangianOptions DEFAULTS = LagrangianOptions.defaults();
    private static final LagrangianEstimator.Tuning TUNING = LagrangianEstimator.Tuning.defaults();

    @Spec
    CommandSpec spec;

    @Mixin
    ProblemFiles files;

    @Option(names = "--potential", description = "box, slit, hill, well, gmm or none (default ${DEFAULT-VALUE}).")
    String potential = "none";

    @Option(names = "--metric", description = "identity, circle, mass-splitting or xpaths (default ${DEFAULT-VALUE}).")
    String metric = "identity";

    @Option(names = "--delta", description = "delta of the low-rank metrics I - (1 - delta) w w' (default ${DEFAULT-VALUE}).")
    double delta = 1e-3;

    @Option(names = "--energy", description = "integral, reference or squared-length (default ${DEFAULT-VALUE}).")
    String energy = "reference";

    @Option(names = "--domain", split = ",", paramLabel = "LO,HI",
            description = "Search box [LO, HI]^d for T(x) (default: the clouds' bounding box widened by a quarter).")
    List<Double> domain;

    @Option(names = "--steps", description = "Training steps (default ${DEFAULT-VALUE}).")
    long steps = DEFAULTS.steps();

    @Option(names = "--batch", description = "Minibatch size per cloud (default ${DEFAULT-VALUE}).")
    int batch = DEFAULTS.batchSize();

    @Option(names = "--knots", description = "Spline knots (default ${DEFAULT-VALUE}).")
    int knots = DEFAULTS.knots();

    @Option(names = "--times", description = "Time points of the energy's Riemann sum (default ${DEFAULT-VALUE}).")
    int times = DEFAULTS.times();

    @Option(names = "--hidden", split = ",", description = "Hidden widths of g and the c-transform predictor (default 64,64,64,64).")
    List<Integer> hidden = new ArrayList<>(DEFAULTS.potentialHidden());

    @Option(names = "--spline-hidden", split = ",", description = "Hidden widths of the spline network (default 256,256).")
    List<Integer> splineHidden = new ArrayList<>(DEFAULTS.splineHidden());

    @Option(names = "--lr", description = "Adam learning rate of g and the predictor (default ${DEFAULT-VALUE}).")
    double lr = DEFAULTS.learningRate();

    @Option(names = "--spline-lr", description = "Adam learning rate of the spline network (default ${DEFAULT-VALUE}).")
    double splineLr = DEFAULTS.splineLearningRate();

    @Option(names = {"--newton-iterations", "--lbfgs-iterations"},
            description = "Per-row Newton iterations of the c-transform after its multistart (default ${DEFAULT-VALUE}; --lbfgs-iterations is the old name).")
    int newtonIterations = DEFAULTS.newtonIterations();

    @Option(names = "--target-starts", paramLabel = "N", description = "Batch target points tried as c-transform starts in "
            + "training (default ${DEFAULT-VALUE}; the slit experiment uses 64: its c(x, .) - g has many near-equal local minima).")
    int targetStarts = TUNING.targetCandidates();

    @Option(names = "--grid-starts", paramLabel = "TRAIN,MAP", split = ",", description = "Side of the grid of c-transform starts "
            + "over the domain in training and in the fitted map (default 4,4; the slit experiment uses 4,32).")
    List<Integer> gridStarts = List.of(TUNING.gridSide(), TUNING.modelGridSide());

    @Option(names = "--anneal-steps", description = "Steps over which the potential is annealed in (default ${DEFAULT-VALUE}).")
    long annealSteps = DEFAULTS.annealSteps();

    @Option(names = "--seed", description = "Seed of weights and minibatches (default ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--dtype", converter = DTypeConverter.class, description = "float32 or float64 (default float64).")
    DType dtype = DType.FLOAT64;

    @Option(names = "--out", required = true, description = "Model file to write (.safetensors).")
    Path out;

    @Override
    public Integer call() {
        LagrangianOptions options = new LagrangianOptions(knots, times, hidden, hidden, splineHidden, steps, batch, lr, splineLr,
                newtonIterations, annealSteps, seed, dtype);
        LagrangianEstimator.Tuning tuning = tuning(); // checked before any input is read
        Lagrangian lagrangian = new Lagrangian(Metric.named(metric, delta), Potential.named(potential), Energy.parse(energy));
        if (domain != null && domain.size() != 2) {
            throw new InvalidInputException("--domain takes LO,HI, got " + domain.size() + " values");
        }
        PointCloud[] clouds = files.both();
        Domain box = domain == null ? Domain.around(0.25, clouds[0].points(), clouds[1].points())
                : cube(clouds[0].dim(), domain.get(0), domain.get(1));
        PrintWriter err = spec.commandLine().getErr();
        LagrangianModel model = new LagrangianEstimator(options).withTuning(tuning).withLog(lines(err), Math.max(1, steps / 10))
                .fit(clouds[0], clouds[1], lagrangian, box);
        model.save(out);
        err.println(String.format(Locale.ROOT, "fit lagrangian: %d → %d points, %d steps, dual %.6g, path energy %.6g; wrote %s",
                clouds[0].size(), clouds[1].size(), steps, model.fitReport().get("final_dual").asDouble(),
                model.fitReport().get("final_path_energy").asDouble(), out));
        return 0;
    }

    private LagrangianEstimator.Tuning tuning() {
        if (gridStarts.size() != 2) {
            throw new InvalidInputException("--grid-starts takes TRAIN,MAP, got " + gridStarts.size() + " values");
        }
        if (targetStarts < 0 || gridStarts.get(0) < 1 || gridStarts.get(1) < 1) {
            throw new InvalidInputException("--target-starts must be >= 0 and --grid-starts >= 1, got " + targetStarts + " and "
                    + gridStarts);
        }
        return TUNING.withCTransformStarts(targetStarts, gridStarts.get(0), gridStarts.get(1));
    }

    private static Domain cube(int d, double lo, double hi) {
        double[] lower = new double[d];
        double[] upper = new double[d];
        java.util.Arrays.fill(lower, lo);
        java.util.Arrays.fill(upper, hi);
        return new Domain(lower, upper);
    }

    /** Progress lines on the command's error writer (which tests capture). */
    static PrintStream lines(PrintWriter err) {
        return new PrintStream(new ByteArrayOutputStream() {
            @Override
            public synchronized void flush() {
                err.write(toString(StandardCharsets.UTF_8));
                err.flush();
                reset();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
