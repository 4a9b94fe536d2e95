package io.github.mongeot.methods.lagrangian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.io.ModelFile;
import io.github.mongeot.core.io.ModelFileContent;
import io.github.mongeot.core.io.SafetensorsArray;
import io.github.mongeot.core.map.PathMap;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMapLoader;
import io.github.mongeot.nn.io.NetworkFiles;
import io.github.mongeot.nn.io.NetworkJson;
import io.github.mongeot.nn.net.Mlp;
import io.github.mongeot.nn.net.Network;
import io.github.mongeot.nn.path.SplineNetwork;
import io.github.mongeot.nn.path.SplinePaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * A fitted Lagrangian OT map (Pooladian et al. 2024): T(x) = argmin_y c(x, y) − g_θ(y) inside the
 * domain, found by per-row Newton from the best of the amortised guess y_ζ(x) and a grid, and the least-action path from x to T(x)
 * predicted by the spline network, evaluated at any number of times without an ODE solver. Saved as
 * model type {@code lagrangian}: config {dim, potential, metric, delta, energy, domain, knots, times,
 * lbfgs_iterations, networks, fit} and tensors "g.*", "y.*", "spline.*" (and "metric.*" for a learned metric).
 */
public final class LagrangianModel implements PathMap {
    public static final String MODEL_TYPE = "lagrangian";
    private static final int CHUNK = 1024;
    private final LagrangianDual dual;
    private final int newtonIterations;
    private final JsonNode fitReport;

    LagrangianModel(LagrangianDual dual, int newtonIterations, JsonNode fitReport) {
        this.dual = dual;
        this.newtonIterations = newtonIterations;
        this.fitReport = fitReport == null ? JsonNodeFactory.instance.objectNode() : fitReport.deepCopy();
    }

    public JsonNode fitReport() {
        return fitReport.deepCopy();
    }

    public Lagrangian lagrangian() {
        return dual.lagrangian;
    }

    public Domain domain() {
        return dual.domain;
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public int dim() {
        return dual.domain.dim();
    }

    /** T(x): the fine-tuned c-transform argmin for each row. */
    @Override
    @SuppressWarnings("try")
    public double[][] apply(double[][] points) {
        checkColumns(points);
        double[][] out = new double[points.length][];
        for (int start = 0; start < points.length; start += CHUNK) {
            int end = Math.min(points.length, start + CHUNK);
            try (PointerScope scope = new PointerScope()) {
                Tensor x = Tensors.fromRows(Arrays.copyOfRange(points, start, end), dual.potential.dtype());
                double[][] chunk = Tensors.toRows(dual.cTransform(x, newtonIterations, 1.0, dual.lagrangian.potential().sharpnessEnd()));
                System.arraycopy(chunk, 0, out, start, chunk.length);
            }
        }
        return out;
    }

    /** The path from each x to T(x) at {@code steps} equally spaced times: n × steps × d, first row x, last T(x). */
    @Override
    public double[][][] paths(double[][] points, int steps) {
        return pathsBetween(points, apply(points), steps);
    }

    /** The predicted least-action paths from each x to the given ends: n × steps × d. */
    @SuppressWarnings("try")
    public double[][][] pathsBetween(double[][] from, double[][] to, int steps) {
        checkColumns(from);
        SplinePaths grid = SplinePaths.uniform(dual.spline.knots(), steps, dual.potential.dtype());
        int d = dim();
        double[][][] out = new double[from.length][steps][d];
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor x = Tensors.fromRows(from, dual.potential.dtype());
            Tensor y = Tensors.fromRows(to, dual.potential.dtype());
            double[] flat = Tensors.toFlat(dual.spline.points(grid, x, y));
            for (int i = 0; i < from.length; i++) {
                for (int s = 0; s < steps; s++) {
                    System.arraycopy(flat, (i * steps + s) * d, out[i][s], 0, d);
                }
                out[i][0] = from[i].clone();
                out[i][steps - 1] = to[i].clone();
            }
        }
        return out;
    }

    /** The amortised cost c(x_i, y_i) of row pairs (the action of the predicted paths). */
    @SuppressWarnings("try")
    public double[] cost(double[][] x, double[][] y) {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            return Tensors.toFlat(dual.cost(Tensors.fromRows(x, dual.potential.dtype()), Tensors.fromRows(y, dual.potential.dtype()),
                    1.0, dual.lagrangian.potential().sharpnessEnd()));
        }
    }

    private void checkColumns(double[][] points) {
        Validation.checkPoints("points", points);
        if (points[0].length != dim()) {
            throw new InvalidInputException("points: have " + points[0].length + " columns, the lagrangian model maps dimension " + dim());
        }
    }

    @Override
    public void save(Path path) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        Lagrangian l = dual.lagrangian;
        config.put("dim", dim());
        config.put("potential", l.potential().name());
        config.put("metric", l.metric().name());
        if (l.metric() instanceof Metric.LowRank lowRank) {
            config.put("delta", lowRank.delta());
        }
        config.put("energy", l.weighting().id());
        Arrays.stream(dual.domain.lower()).forEach(config.putArray("domain_lower")::add);
        Arrays.stream(dual.domain.upper()).forEach(config.putArray("domain_upper")::add);
        config.put("knots", dual.spline.knots());
        config.put("times", dual.paths.steps());
        config.put("lbfgs_iterations", newtonIterations);
        config.put("cost_scale", dual.costScale);
        if (dual.gridSide != LagrangianDual.GRID_SIDE) {
            config.put("grid_side", dual.gridSide);
        }
        config.set("g", NetworkJson.toJson(dual.potential.config()));
        config.set("y", NetworkJson.toJson(dual.predictor.config()));
        config.set("spline", NetworkJson.toJson(dual.spline.network().config()));
        List<SafetensorsArray> tensors = new ArrayList<>(NetworkFiles.tensors(dual.potential, "g."));
        tensors.addAll(NetworkFiles.tensors(dual.predictor, "y."));
        tensors.addAll(NetworkFiles.tensors(dual.spline.network(), "spline."));
        if (l.metric() instanceof LearnedMetric learned) {
            config.set("metric_network", NetworkJson.toJson(learned.network().config()));
            config.put("metric_scale", learned.scale());
            tensors.addAll(NetworkFiles.tensors(learned.network(), "metric."));
        }
        config.set("fit", fitReport);
        ModelFile.write(path, MODEL_TYPE, config, tensors);
    }

    public static LagrangianModel load(Path path) {
        return fromContent(ModelFile.read(path));
    }

    static LagrangianModel fromContent(ModelFileContent content) {
        content.requireType(MODEL_TYPE);
        JsonNode c = content.config();
        String source = content.source();
        for (String key : List.of("dim", "potential", "metric", "energy", "domain_lower", "domain_upper", "knots", "times",
                "lbfgs_iterations", "cost_scale", "g", "y", "spline")) {
            if (!c.hasNonNull(key)) {
                throw new InvalidInputException(source + ": lagrangian config lacks '" + key + "'");
            }
        }
        Metric metric;
        if (c.get("metric").asText().equals("learned")) {
            if (!c.hasNonNull("metric_network") || !c.hasNonNull("metric_scale")) {
                throw new InvalidInputException(source + ": a learned metric needs 'metric_network' and 'metric_scale'");
            }
            metric = new LearnedMetric(mlp(content, c.get("metric_network"), "metric."), c.get("metric_scale").asDouble());
        } else {
            metric = Metric.named(c.get("metric").asText(), c.path("delta").asDouble(1e-3));
        }
        Lagrangian lagrangian = new Lagrangian(metric, Potential.named(c.get("potential").asText()), Energy.parse(c.get("energy").asText()));
        Domain domain = new Domain(doubles(c.get("domain_lower")), doubles(c.get("domain_upper")));
        Mlp g = mlp(content, c.get("g"), "g.");
        Mlp y = mlp(content, c.get("y"), "y.");
        Mlp phi = mlp(content, c.get("spline"), "spline.");
        int knots = c.get("knots").asInt();
        SplineNetwork spline = new SplineNetwork(phi, knots, domain.scale());
        SplinePaths paths = SplinePaths.uniform(knots, c.get("times").asInt(), g.dtype());
        LagrangianDual dual = new LagrangianDual(lagrangian, g, y, spline, paths, domain, c.get("cost_scale").asDouble());
        dual.gridSide = c.path("grid_side").asInt(LagrangianDual.GRID_SIDE);
        if (dual.gridSide < 1) {
            throw new InvalidInputException(source + ": lagrangian 'grid_side' must be >= 1, got " + dual.gridSide);
        }
        return new LagrangianModel(dual, c.get("lbfgs_iterations").asInt(), c.get("fit"));
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static Mlp mlp(ModelFileContent content, JsonNode config, String prefix) {
        Network network = NetworkFiles.restore(config, content.tensors(), prefix, content.source());
        if (!(network instanceof Mlp m)) {
            throw new InvalidInputException(content.source() + ": lagrangian '" + prefix + "' network must be an mlp, got "
                    + network.config().type());
        }
        return m;
    }

    /** Registered in META-INF/services for {@link io.github.mongeot.core.map.TransportMaps}. */
    public static final class Loader implements TransportMapLoader {
        @Override
        public String modelType() {
            return MODEL_TYPE;
        }

        @Override
        public TransportMap load(ModelFileContent content) {
            return fromContent(content);
        }
    }
}
