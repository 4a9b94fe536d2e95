package io.github.mongeot.methods.w2gn;

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
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMapLoader;
import io.github.mongeot.nn.io.NetworkFiles;
import io.github.mongeot.nn.io.NetworkJson;
import io.github.mongeot.nn.net.Icnn;
import io.github.mongeot.nn.net.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Tensor;

/**
 * A fitted W2GN map: T(x) = ∇ψ(x) (source → target) and its learned inverse ∇ψ̄(y), both
 * gradients of convex functions. The networks ψ₀, ψ̄₀ are ICNNs on standardised coordinates
 * ({@link Standardization}): T(x) = s∇ψ₀((x − m_x)/s) + m_y, T⁻¹(y) = s∇ψ̄₀((y − m_y)/s) + m_x, still
 * gradients of convex functions of x and y. Saved as model type {@code w2gn}: config {dim, scale,
 * psi, psi_bar (network configs), fit (training report)} and tensors "psi.*", "psi_bar.*",
 * "source_mean", "target_mean" (float64).
 */
public final class W2gnModel implements TransportMap {
    public static final String MODEL_TYPE = "w2gn";
    /** Rows per autograd pass when applying the map, to bound memory on large inputs. */
    private static final int CHUNK = 65_536;

    private final Icnn psi;
    private final Icnn psiBar;
    private final Standardization standardization;
    private final JsonNode fitReport;

    W2gnModel(Icnn psi, Icnn psiBar, Standardization standardization, JsonNode fitReport) {
        if (psi.inputDim() != psiBar.inputDim()) {
            throw new InvalidInputException("w2gn: psi takes dimension " + psi.inputDim() + ", psi_bar " + psiBar.inputDim());
        }
        this.psi = psi;
        if (standardization.sourceMean().length != psi.inputDim()) {
            throw new InvalidInputException("w2gn: means have " + standardization.sourceMean().length + " entries, the networks take "
                    + psi.inputDim());
        }
        this.psiBar = psiBar;
        this.standardization = standardization;
        this.fitReport = fitReport == null ? JsonNodeFactory.instance.objectNode() : fitReport.deepCopy();
    }

    /** The forward network ψ₀ (convex, on standardised coordinates). */
    public Icnn psi() {
        return psi;
    }

    /** The inverse network ψ̄₀ (convex, on standardised coordinates). */
    public Icnn psiBar() {
        return psiBar;
    }

    /** What the fit recorded (steps, final loss, seconds, cycle residual, settings). */
    public JsonNode fitReport() {
        return fitReport.deepCopy();
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public int dim() {
        return psi.inputDim();
    }

    /** Mean of the source cloud the model was fitted on. */
    public double[] sourceMean() {
        return standardization.sourceMean();
    }

    /** Mean of the target cloud the model was fitted on. */
    public double[] targetMean() {
        return standardization.targetMean();
    }

    /** The common scale s of the standardised coordinates. */
    public double scale() {
        return standardization.scale();
    }

    /** T(x) = ∇ψ(x) for each row. */
    @Override
    public double[][] apply(double[][] points) {
        checkColumns(points);
        return standardization.toTarget(gradientOf(psi, standardization.source(points)));
    }

    @Override
    public boolean hasInverse() {
        return true;
    }

    /** ∇ψ̄(y) for each row: the learned inverse (exact only as far as the cycle term is zero). */
    @Override
    public double[][] applyInverse(double[][] points) {
        checkColumns(points);
        return standardization.toSource(gradientOf(psiBar, standardization.target(points)));
    }

    /** Mean of ‖∇ψ(∇ψ̄(y)) − y‖² over the rows y: how far ∇ψ̄ is from inverting ∇ψ. */
    public double cycleResidual(double[][] targetPoints) {
        double[][] back = apply(applyInverse(targetPoints));
        double sum = 0;
        for (int i = 0; i < back.length; i++) {
            for (int k = 0; k < back[i].length; k++) {
                double r = back[i][k] - targetPoints[i][k];
                sum += r * r;
            }
        }
        return sum / back.length;
    }

    private void checkColumns(double[][] points) {
        Validation.checkPoints("points", points);
        if (points[0].length != dim()) {
            throw new InvalidInputException("points: have " + points[0].length + " columns, the w2gn model maps dimension " + dim());
        }
    }

    /** ∇f at each row by autograd, in chunks. */
    @SuppressWarnings("try") // each chunk's PointerScope frees its tensors
    private static double[][] gradientOf(Icnn potential, double[][] points) {
        double[][] out = new double[points.length][];
        boolean gradMode = GradMode.is_enabled();
        GradMode.set_enabled(true); // the map is a gradient: autograd must be on even for inference
        try {
            for (int start = 0; start < points.length; start += CHUNK) {
                int end = Math.min(points.length, start + CHUNK);
                try (PointerScope scope = new PointerScope()) {
                    double[][] rows = java.util.Arrays.copyOfRange(points, start, end);
                    Tensor g = potential.gradient(Tensors.fromRows(rows, potential.dtype()), false);
                    double[][] chunk = Tensors.toRows(g);
                    System.arraycopy(chunk, 0, out, start, chunk.length);
                }
            }
        } finally {
            GradMode.set_enabled(gradMode);
        }
        return out;
    }

    @Override
    public void save(Path path) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("dim", dim());
        config.put("scale", standardization.scale());
        config.set("psi", NetworkJson.toJson(psi.config()));
        config.set("psi_bar", NetworkJson.toJson(psiBar.config()));
        config.set("fit", fitReport);
        List<SafetensorsArray> tensors = new ArrayList<>(NetworkFiles.tensors(psi, "psi."));
        tensors.addAll(NetworkFiles.tensors(psiBar, "psi_bar."));
        tensors.add(SafetensorsArray.ofVector("source_mean", standardization.sourceMean(), DType.FLOAT64));
        tensors.add(SafetensorsArray.ofVector("target_mean", standardization.targetMean(), DType.FLOAT64));
        ModelFile.write(path, MODEL_TYPE, config, tensors);
    }

    /** Reads a w2gn model file. */
    public static W2gnModel load(Path path) {
        return fromContent(ModelFile.read(path));
    }

    static W2gnModel fromContent(ModelFileContent content) {
        content.requireType(MODEL_TYPE);
        JsonNode config = content.config();
        Icnn psi = icnn(content, config, "psi", "psi.");
        Icnn psiBar = icnn(content, config, "psi_bar", "psi_bar.");
        if (!config.hasNonNull("scale") || !config.get("scale").isNumber()) {
            throw new InvalidInputException(content.source() + ": w2gn config lacks a numeric 'scale'");
        }
        Standardization standardization = new Standardization(content.tensor("source_mean").data(),
                content.tensor("target_mean").data(), config.get("scale").asDouble());
        return new W2gnModel(psi, psiBar, standardization, config.get("fit"));
    }

    private static Icnn icnn(ModelFileContent content, JsonNode config, String key, String prefix) {
        if (!config.hasNonNull(key)) {
            throw new InvalidInputException(content.source() + ": w2gn config lacks '" + key + "'");
        }
        Network network = NetworkFiles.restore(config.get(key), content.tensors(), prefix, content.source());
        if (!(network instanceof Icnn icnn)) {
            throw new InvalidInputException(content.source() + ": w2gn '" + key + "' must be an icnn, got " + network.config().type());
        }
        return icnn;
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
