package io.github.mongeot.cli;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.methods.costlearning.CostLearningEstimator;
import io.github.mongeot.methods.costlearning.CostLearningLoss;
import io.github.mongeot.methods.costlearning.CostLearningModel;
import io.github.mongeot.methods.costlearning.CostLearningOptions;
import io.github.mongeot.methods.costlearning.FlowMode;
import io.github.mongeot.methods.costlearning.Losses;
import java.io.PrintWriter;
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

/** {@code monge fit cost-learning}: a learned ground cost and its entropic map, saved as a {@code cost-learning} model. */
@Command(name = "cost-learning", mixinStandardHelpOptions = true,
        description = {"Learn a cost h(Phi_mu(x) - Phi_nu(y)) (symmetric strongly convex ICNN h, optional MAF flows) whose",
            "entropic map agrees with what is known (Howard et al. 2024). The model maps points (monge apply)",
            "and serves as a cost (monge solve --cost-model)."})
final class FitCostLearningCommand implements Callable<Integer> {
    private static final CostLearningOptions DEFAULTS = CostLearningOptions.defaults();

    @Spec
    CommandSpec spec;

    @Mixin
    ProblemFiles files;

    @Option(names = "--pairs", description = "Known pairs: a k x 2 array of (source row, target row) indices, or 'index' (row i <-> row i).")
    String pairs;

    @Option(names = "--subsets", description = "Subset labels: a vector of n + m integers (source rows, then target rows); "
            + "source subset k is known to map onto target subset k.")
    Path subsets;

    @Option(names = "--loss", split = ",", description = "Losses to add: paired, paired-forward, subsets, fit, lowrank:P, "
            + "directions:K, coupling (default: paired with --pairs, subsets with --subsets).")
    List<String> losses;

    @Option(names = "--flows", description = "none, shared or separate MAF flows (default ${DEFAULT-VALUE}).")
    String flows = "none";

    @Option(names = "--hidden", split = ",", description = "Hidden widths of the ICNN h (default 32,32).")
    List<Integer> hidden = new ArrayList<>(DEFAULTS.hidden());

    @Option(names = "--alpha", description = "Strong convexity of h (default ${DEFAULT-VALUE}).")
    double alpha = DEFAULTS.alpha();

    @Option(names = "--flow-layers", description = "MADE transforms per flow (default ${DEFAULT-VALUE}).")
    int flowLayers = DEFAULTS.flowLayers();

    @Option(names = "--flow-hidden", split = ",", description = "Hidden widths of each MADE (default 64,64).")
    List<Integer> flowHidden = new ArrayList<>(DEFAULTS.flowHidden());

    @Option(names = "--steps", description = "Adam steps (default ${DEFAULT-VALUE}).")
    long steps = DEFAULTS.steps();

    @Option(names = "--lr", description = "Learning rate of h (default ${DEFAULT-VALUE}).")
    double lr = DEFAULTS.learningRate();

    @Option(names = "--flow-lr", description = "Learning rate of the flows (default ${DEFAULT-VALUE}).")
    double flowLr = DEFAULTS.flowLearningRate();

    @Option(names = "--epsilon-rel", description = "Relative epsilon, or START:END for a geometric decay (default 0.01).")
    String epsilonRel = "0.01";

    @Option(names = "--threshold", description = "Sinkhorn marginal-error threshold (default ${DEFAULT-VALUE}).")
    double threshold = DEFAULTS.threshold();

    @Option(names = "--lambda-max", description = "Weight of the cost-matrix regulariser (logsumexp|C|)^2 (default 0).")
    double lambdaMax;

    @Option(names = "--flow-closeness", description = "Weight of mean|Phi_mu - Phi_nu|^2 (separate flows; default 0).")
    double flowCloseness;

    @Option(names = "--flow-complexity", description = "Weight of the flows' Dirichlet energy (default 0).")
    double flowComplexity;

    @Option(names = "--seed", description = "Seed of the networks (default ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--dtype", converter = DTypeConverter.class, description = "Precision of the pass of h and grad h over all pairs: float64 (default) or float32 (faster; the rest stays float64).")
    DType dtype = DType.FLOAT64;

    @Option(names = "--metrics-log", description = "Write JSON-lines training metrics to this file.")
    Path metricsLog;

    @Option(names = "--out", required = true, description = "Model file to write (.safetensors).")
    Path out;

    @Override
    public Integer call() {
        double[] eps = parseEpsilon(epsilonRel);
        CostLearningOptions options = new CostLearningOptions(hidden, alpha, FlowMode.parse(flows), flowLayers, flowHidden,
                steps, lr, flowLr, eps[0], eps[1], threshold, seed, dtype);
        PointCloud[] clouds = files.both();
        PointCloud x = clouds[0];
        PointCloud y = clouds[1];
        int[][] known = pairs == null ? null : readPairs(pairs, x.size(), y.size());
        int[][] labels = subsets == null ? null : readLabels(subsets, x.size(), y.size());
        List<CostLearningLoss> objective = losses(known, labels, x.dim());
        PrintWriter err = spec.commandLine().getErr();
        CostLearningEstimator estimator = new CostLearningEstimator(options)
                .withProgress(FitW2gnCommand.progress(err, Math.max(1, steps / 10)));
        if (metricsLog != null) {
            estimator = estimator.withMetricsLog(metricsLog);
        }
        CostLearningModel model = estimator.fit(x, y, objective);
        model.save(out);
        err.println(String.format(Locale.ROOT, "fit cost-learning: %d → %d points, %d steps, final loss %.6g, epsilon %.4g; wrote %s",
                x.size(), y.size(), model.fitReport().get("steps").asLong(), model.fitReport().get("final_loss").asDouble(),
                model.epsilon(), out));
        return 0;
    }

    private List<CostLearningLoss> losses(int[][] known, int[][] labels, int dim) {
        List<String> names = losses;
        if (names == null || names.isEmpty()) {
            names = new ArrayList<>();
            if (known != null) {
                names.add("paired");
            }
            if (labels != null) {
                names.add("subsets");
            }
            if (names.isEmpty()) {
                throw new InvalidInputException("--loss: nothing to learn from; give --pairs, --subsets or --loss");
            }
        }
        List<CostLearningLoss> out = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim();
            String arg = name.contains(":") ? name.substring(name.indexOf(':') + 1) : null;
            String kind = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
            switch (kind) {
                case "paired" -> out.add(Losses.paired(require(known, "paired", "--pairs")));
                case "paired-forward" -> out.add(Losses.pairedForward(require(known, "paired-forward", "--pairs")));
                case "coupling" -> out.add(Losses.coupling(require(known, "coupling", "--pairs")));
                case "subsets" -> {
                    int[][] l = require(labels, "subsets", "--subsets");
                    out.add(Losses.subsets(l[0], l[1]));
                }
                case "fit" -> out.add(Losses.fit());
                case "lowrank" -> out.add(Losses.lowRank(intArgument(arg, "lowrank:P")));
                case "directions" -> out.add(Losses.directions(intArgument(arg, "directions:K"), dim, seed));
                default -> throw new InvalidInputException("--loss: unknown loss '" + name
                        + "' (expected paired, paired-forward, subsets, fit, lowrank:P, directions:K, coupling)");
            }
        }
        if (lambdaMax > 0) {
            out.add(Losses.costMax(lambdaMax));
        }
        if (flowCloseness > 0) {
            out.add(Losses.flowCloseness(flowCloseness));
        }
        if (flowComplexity > 0) {
            out.add(Losses.flowComplexity(flowComplexity));
        }
        return out;
    }

    private static <T> T require(T value, String loss, String option) {
        if (value == null) {
            throw new InvalidInputException("--loss " + loss + " needs " + option);
        }
        return value;
    }

    private static int intArgument(String arg, String form) {
        try {
            return Integer.parseInt(arg == null ? "" : arg.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--loss: expected " + form + " with an integer, got '" + arg + "'");
        }
    }

    static double[] parseEpsilon(String spec) {
        String[] parts = spec.split(":");
        try {
            double start = Double.parseDouble(parts[0].trim());
            double end = parts.length > 1 ? Double.parseDouble(parts[1].trim()) : start;
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            return new double[] {start, end};
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--epsilon-rel: expected a number or START:END, got '" + spec + "'");
        }
    }

    private static int[][] readPairs(String spec, int n, int m) {
        if (spec.equals("index")) {
            if (n != m) {
                throw new InvalidInputException("--pairs index needs as many source as target points, got " + n + " and " + m);
            }
            int[][] p = new int[n][];
            for (int i = 0; i < n; i++) {
                p[i] = new int[] {i, i};
            }
            return p;
        }
        double[][] rows = ArrayIO.read(Path.of(spec));
        int[][] p = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != 2) {
                throw new InvalidInputException("--pairs " + spec + ": row " + (i + 1) + " must hold two indices");
            }
            p[i] = new int[] {index(rows[i][0], n, spec, i, "source"), index(rows[i][1], m, spec, i, "target")};
        }
        return p;
    }

    private static int index(double v, int size, String file, int row, String side) {
        if (v != Math.rint(v) || v < 0 || v >= size) {
            throw new InvalidInputException("--pairs " + file + ": row " + (row + 1) + " has " + side + " index " + v
                    + " (expected an integer in [0, " + size + "))");
        }
        return (int) v;
    }

    private static int[][] readLabels(Path file, int n, int m) {
        double[] all = ArrayIO.readVector(file);
        if (all.length != n + m) {
            throw new InvalidInputException("--subsets " + file + ": has " + all.length + " labels, expected n + m = " + (n + m));
        }
        int[][] out = {new int[n], new int[m]};
        for (int i = 0; i < all.length; i++) {
            if (all[i] != Math.rint(all[i])) {
                throw new InvalidInputException("--subsets " + file + ": entry " + (i + 1) + " is not an integer label");
            }
            if (i < n) {
                out[0][i] = (int) all[i];
            } else {
                out[1][i - n] = (int) all[i];
            }
        }
        return out;
    }
}
