package io.github.mongeot.methods.costlearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.entropic.EntropicMap;
import io.github.mongeot.core.io.ModelFile;
import io.github.mongeot.core.io.ModelFileContent;
import io.github.mongeot.core.io.SafetensorsArray;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMapLoader;
import io.github.mongeot.core.sinkhorn.Sinkhorn;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.core.sinkhorn.SinkhornResult;
import io.github.mongeot.nn.io.NetworkFiles;
import io.github.mongeot.nn.io.NetworkJson;
import io.github.mongeot.nn.net.Icnn;
import io.github.mongeot.nn.net.MaskedAutoregressiveFlow;
import io.github.mongeot.nn.net.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * A fitted learned-cost map: the {@link LearnedCost} and the Sinkhorn duals (f, g) between the
 * training clouds under it. T(x) = Φ_ν⁻¹(E(Φ_μ(x̃))) and T⁻¹(y) = Φ_μ⁻¹(E⁻¹(Φ_ν(ỹ))) with E the core
 * {@link EntropicMap} of h on the latent clouds; {@link #cost()} also serves {@code monge solve --cost-model}.
 *
 * <p>Saved as model type {@code cost-learning}: config {dim, epsilon, flows, shift, scale, h, flow_mu,
 * flow_nu (network configs), fit} and tensors "h.*", "flow_mu.*", "flow_nu.*", source, source_weights, f,
 * target, target_weights, g (float64, data coordinates).
 */
public final class CostLearningModel implements TransportMap {
    public static final String MODEL_TYPE = "cost-learning";

    private final LearnedCost cost;
    private final PointCloud source;
    private final PointCloud target;
    private final double[] f;
    private final double[] g;
    private final double epsilon;
    private final EntropicMap latentMap;
    private final JsonNode fitReport;
    private final boolean converged;

    private CostLearningModel(LearnedCost cost, PointCloud source, double[] f, PointCloud target, double[] g,
            double epsilon, JsonNode fitReport) {
        this(cost, source, f, target, g, epsilon, fitReport, true);
    }

    private CostLearningModel(LearnedCost cost, PointCloud source, double[] f, PointCloud target, double[] g,
            double epsilon, JsonNode fitReport, boolean converged) {
        this.converged = converged;
        this.cost = cost;
        this.source = source;
        this.target = target;
        this.f = f.clone();
        this.g = g.clone();
        this.epsilon = epsilon;
        this.fitReport = fitReport == null ? JsonNodeFactory.instance.objectNode() : fitReport.deepCopy();
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            PointCloud u = PointCloud.weighted("latent source", Tensors.toRows(cost.encodeSource(source.pointsTensor(DType.FLOAT64))),
                    source.weights());
            PointCloud v = PointCloud.weighted("latent target", Tensors.toRows(cost.encodeTarget(target.pointsTensor(DType.FLOAT64))),
                    target.weights());
            this.latentMap = EntropicMap.fromDuals(cost.latentCost(), epsilon, u, this.f, v, this.g);
        }
    }

    /** Solves Sinkhorn between the clouds under the cost (no gradients) and wraps the duals as a model. */
    static CostLearningModel solve(LearnedCost cost, PointCloud source, PointCloud target, SinkhornOptions options,
            WarmStart warm, JsonNode fitReport) {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor c = cost.matrix(source.pointsTensor(DType.FLOAT64), target.pointsTensor(DType.FLOAT64));
            SinkhornOptions fixed = options.withEpsilon(cost.resolveEpsilon(options, c));
            SinkhornOptions started = warm != null && warm.f() != null ? fixed.withWarmStart(warm.f(), warm.g()) : fixed;
            SinkhornResult r = Sinkhorn.solve(c, source.weights(), target.weights(), started);
            return new CostLearningModel(cost, source, r.f(), target, r.g(), r.epsilon(), fitReport, r.converged());
        }
    }

    /** The map of a fixed cost between two clouds (e.g. an untrained or hand-made cost). */
    public static CostLearningModel of(LearnedCost cost, PointCloud source, PointCloud target, SinkhornOptions options) {
        Validation.checkSameDimension(source, target);
        return solve(cost, source, target, options, null, null);
    }

    CostLearningModel withFitReport(JsonNode report) {
        return new CostLearningModel(cost, source, f, target, g, epsilon, report, converged);
    }

    /** Whether the Sinkhorn solve behind the duals reached its threshold (true for loaded models). */
    public boolean converged() {
        return converged;
    }

    /** The learned cost c(x, y) = h(Φ_μ(x̃) − Φ_ν(ỹ)). */
    public LearnedCost cost() {
        return cost;
    }

    public double epsilon() {
        return epsilon;
    }

    public PointCloud source() {
        return source;
    }

    public PointCloud target() {
        return target;
    }

    public double[] f() {
        return f.clone();
    }

    public double[] g() {
        return g.clone();
    }

    /** What the fit recorded (steps, loss, seconds, settings). */
    public JsonNode fitReport() {
        return fitReport.deepCopy();
    }

    /** The entropic plan between the training clouds under the learned cost. */
    public double[][] trainingPlan() {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor c = cost.matrix(source.pointsTensor(DType.FLOAT64), target.pointsTensor(DType.FLOAT64));
            Tensor logits = Tensors.fromVector(f, DType.FLOAT64).unsqueeze(1).add(Tensors.fromVector(g, DType.FLOAT64).unsqueeze(0))
                    .sub(c).div(Tensors.scalar(epsilon));
            Tensor plan = logits.exp().mul(source.weightsTensor(DType.FLOAT64).unsqueeze(1))
                    .mul(target.weightsTensor(DType.FLOAT64).unsqueeze(0));
            return Tensors.toRows(plan);
        }
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public int dim() {
        return cost.dim();
    }

    @Override
    public double[][] apply(double[][] points) {
        checkColumns(points);
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            double[][] u = Tensors.toRows(cost.encodeSource(Tensors.fromRows(points, DType.FLOAT64)));
            return Tensors.toRows(cost.decodeTarget(Tensors.fromRows(latentMap.apply(u), DType.FLOAT64)));
        }
    }

    @Override
    public boolean hasInverse() {
        return true;
    }

    @Override
    public double[][] applyInverse(double[][] points) {
        checkColumns(points);
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            double[][] v = Tensors.toRows(cost.encodeTarget(Tensors.fromRows(points, DType.FLOAT64)));
            return Tensors.toRows(cost.decodeSource(Tensors.fromRows(latentMap.applyInverse(v), DType.FLOAT64)));
        }
    }

    private void checkColumns(double[][] points) {
        Validation.checkPoints("points", points);
        if (points[0].length != dim()) {
            throw new InvalidInputException("points: have " + points[0].length + " columns, the cost-learning model maps dimension "
                    + dim());
        }
    }

    @Override
    public void save(Path path) {
        if (cost.icnn() == null) {
            throw new InvalidInputException("cost-learning: a user-defined h cannot be saved (only ICNN costs can)");
        }
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("dim", dim());
        config.put("epsilon", epsilon);
        config.put("flows", cost.flowMode().id());
        cost.shiftList().forEach(config.putArray("shift")::add);
        config.put("scale", cost.scale());
        config.set("h", NetworkJson.toJson(cost.icnn().config()));
        List<SafetensorsArray> tensors = new ArrayList<>(NetworkFiles.tensors(cost.icnn(), "h."));
        if (cost.flowMu() != null) {
            config.set("flow_mu", NetworkJson.toJson(cost.flowMu().config()));
            tensors.addAll(NetworkFiles.tensors(cost.flowMu(), "flow_mu."));
        }
        if (cost.flowMode() == FlowMode.SEPARATE) {
            config.set("flow_nu", NetworkJson.toJson(cost.flowNu().config()));
            tensors.addAll(NetworkFiles.tensors(cost.flowNu(), "flow_nu."));
        }
        config.set("fit", fitReport);
        tensors.add(SafetensorsArray.ofRows("source", source.points(), DType.FLOAT64));
        tensors.add(SafetensorsArray.ofVector("source_weights", source.weights(), DType.FLOAT64));
        tensors.add(SafetensorsArray.ofVector("f", f, DType.FLOAT64));
        tensors.add(SafetensorsArray.ofRows("target", target.points(), DType.FLOAT64));
        tensors.add(SafetensorsArray.ofVector("target_weights", target.weights(), DType.FLOAT64));
        tensors.add(SafetensorsArray.ofVector("g", g, DType.FLOAT64));
        ModelFile.write(path, MODEL_TYPE, config, tensors);
    }

    /** Reads a cost-learning model file. */
    public static CostLearningModel load(Path path) {
        return fromContent(ModelFile.read(path));
    }

    static CostLearningModel fromContent(ModelFileContent content) {
        content.requireType(MODEL_TYPE);
        JsonNode config = content.config();
        String src = content.source();
        for (String key : new String[] {"dim", "epsilon", "flows", "shift", "scale", "h"}) {
            if (!config.hasNonNull(key)) {
                throw new InvalidInputException(src + ": cost-learning config lacks '" + key + "'");
            }
        }
        FlowMode mode = FlowMode.parse(config.get("flows").asText());
        Icnn h = network(content, "h", "h.", Icnn.class);
        MaskedAutoregressiveFlow mu = mode == FlowMode.NONE ? null : network(content, "flow_mu", "flow_mu.", MaskedAutoregressiveFlow.class);
        MaskedAutoregressiveFlow nu = mode == FlowMode.SEPARATE ? network(content, "flow_nu", "flow_nu.", MaskedAutoregressiveFlow.class) : null;
        double[] shift = new double[config.get("shift").size()];
        for (int i = 0; i < shift.length; i++) {
            shift[i] = config.get("shift").get(i).asDouble();
        }
        LearnedCost cost = LearnedCost.of(h, mode, mu, nu, shift, config.get("scale").asDouble());
        PointCloud source = PointCloud.weighted(src + " source", content.tensor("source").rows(), content.tensor("source_weights").data());
        PointCloud target = PointCloud.weighted(src + " target", content.tensor("target").rows(), content.tensor("target_weights").data());
        return new CostLearningModel(cost, source, content.tensor("f").data(), target, content.tensor("g").data(),
                config.get("epsilon").asDouble(), config.get("fit"));
    }

    private static <T extends Network> T network(ModelFileContent content, String key, String prefix, Class<T> type) {
        if (!content.config().hasNonNull(key)) {
            throw new InvalidInputException(content.source() + ": cost-learning config lacks '" + key + "'");
        }
        Network n = NetworkFiles.restore(content.config().get(key), content.tensors(), prefix, content.source());
        if (!type.isInstance(n)) {
            throw new InvalidInputException(content.source() + ": cost-learning '" + key + "' must be a "
                    + type.getSimpleName() + ", got " + n.config().type());
        }
        return type.cast(n);
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
