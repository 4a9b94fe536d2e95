package io.github.mongeot.nn.net;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.io.SafetensorsArray;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * A network whose parameters live in a libtorch {@link Module} under dotted names
 * ("layers.0.weight", "gates.1.bias", ...), so {@link #parameters()} feeds libtorch's Adam/AdamW
 * directly and the names match what PyTorch users expect. Parameters are created once, in the
 * constructor, in the network's dtype and on its device; they are kept alive for the network's
 * lifetime (retained references), so a network may be built inside or outside a
 * {@link PointerScope}.
 *
 * <p>{@link #forward(Tensor)} builds an autograd graph; run it inside a {@code PointerScope}.
 */
public abstract class Network {
    /** The CPU device name (the only device of the CPU build of the presets). */
    public static final String CPU = "cpu";

    private final Module module;
    private final Map<String, Module> submodules = new HashMap<>();
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final DType dtype;
    private final String device;

    protected Network(DType dtype, String device) {
        Engine.init();
        if (!CPU.equals(device)) {
            throw new InvalidInputException("device must be 'cpu' (the CPU build of libtorch is on the classpath), got '" + device + "'");
        }
        this.dtype = dtype;
        this.device = device;
        this.module = new Module();
        module.retainReference();
    }

    /** The input dimension (without the condition). */
    public int inputDim() {
        return config().inputDim();
    }

    /** The output dimension (1 for scalar potentials, whose output has shape [n]). */
    public int outputDim() {
        return config().outputDim();
    }

    /** Dimension of the condition vector concatenated to the input (0: unconditional). */
    public int conditionDim() {
        return 0;
    }

    /** The architecture (rebuilds this network with fresh weights). */
    public abstract NetworkConfig config();

    /** The network on a batch x (n × inputDim). */
    public abstract Tensor forward(Tensor x);

    /** A conditional network on a batch x (n × inputDim) with conditions c (n × conditionDim). */
    public Tensor forward(Tensor x, Tensor condition) {
        if (conditionDim() == 0) {
            throw new InvalidInputException("this " + config().type() + " network takes no condition");
        }
        return forwardConditional(x, condition);
    }

    /** Overridden by networks that accept a condition. */
    protected Tensor forwardConditional(Tensor x, Tensor condition) {
        throw new UnsupportedOperationException();
    }

    public DType dtype() {
        return dtype;
    }

    public String device() {
        return device;
    }

    /** The libtorch module holding the parameters (e.g. for {@code zero_grad}). */
    public Module module() {
        return module;
    }

    /** The parameters, in registration order, for libtorch's optimisers. */
    public TensorVector parameters() {
        return new TensorVector(parameters.values().toArray(new Tensor[0]));
    }

    /** Parameters by dotted name, in registration order (the live tensors). */
    public Map<String, Tensor> namedParameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** Total number of scalar parameters. */
    public long parameterCount() {
        long count = 0;
        for (Tensor t : parameters.values()) {
            count += t.numel();
        }
        return count;
    }

    /** A copy of every parameter as a named array (the network's dtype), in registration order. */
    public Map<String, SafetensorsArray> parameterArrays() {
        Map<String, SafetensorsArray> out = new LinkedHashMap<>();
        try (PointerScope scope = new PointerScope()) {
            parameters.forEach((name, t) -> out.put(name, SafetensorsArray.fromTensor(name, t)));
        }
        return out;
    }

    /**
     * Overwrites every parameter with the named arrays (converted to this network's dtype);
     * {@code source} names the input in messages. Missing, extra or mis-shaped arrays are refused.
     */
    public void loadParameterArrays(Map<String, SafetensorsArray> arrays, String source) {
        for (String name : arrays.keySet()) {
            if (!parameters.containsKey(name)) {
                throw new InvalidInputException(source + ": unexpected parameter '" + name + "' for a " + config().type() + " network");
            }
        }
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            parameters.forEach((name, t) -> {
                SafetensorsArray a = arrays.get(name);
                if (a == null) {
                    throw new InvalidInputException(source + ": missing parameter '" + name + "'");
                }
                long[] expected = shapeOf(t);
                if (!Arrays.equals(expected, a.shape())) {
                    throw new InvalidInputException(source + ": parameter '" + name + "' has shape " + Arrays.toString(a.shape())
                            + ", the network needs " + Arrays.toString(expected));
                }
                t.copy_(a.toTensor(dtype));
            });
        }
    }

    /** Applies the network to rows without building a graph; float64 rows out. */
    public double[][] apply(double[][] x) {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor out = forward(Tensors.fromRows(x, dtype));
            return out.dim() == 1 ? columnOf(Tensors.toFlat(out)) : Tensors.toRows(out);
        }
    }

    /** Tensor options for this network's dtype and device. */
    public TensorOptions options() {
        return Tensors.options(dtype).device(new org.bytedeco.pytorch.DeviceOptional(new Device(device)));
    }

    /**
     * Registers a trainable parameter under a dotted name with the given initial values and
     * shape; returns the live parameter tensor.
     */
    protected Tensor parameter(String name, double[] init, long... shape) {
        if (parameters.containsKey(name)) {
            throw new IllegalStateException("parameter registered twice: " + name);
        }
        try (PointerScope scope = new PointerScope()) {
            int dot = name.lastIndexOf('.');
            Module owner = dot < 0 ? module : submodule(name.substring(0, dot));
            Tensor init0 = Tensors.fromFlat(init, shape, dtype);
            // register_parameter returns a reference into the module's parameter table, which moves
            // as the table grows: keep an owning copy of the handle (same tensor) instead.
            Tensor p = new Tensor(owner.register_parameter(name.substring(dot + 1), init0, true));
            p.retainReference();
            parameters.put(name, p);
            return p;
        }
    }

    /** An affine layer "prefix.weight" (out × in, Xavier uniform) and "prefix.bias" (zeros). */
    protected Dense dense(String prefix, int in, int out, Initializers init) {
        Tensor w = parameter(prefix + ".weight", init.xavier(out, in), out, in);
        Tensor b = parameter(prefix + ".bias", new double[out], out);
        return new Dense(w, b);
    }

    /** An activation site; a PReLU gets its slope parameter "name.weight" (one value, 0.25). */
    protected ActivationSite activation(String name, Activation activation) {
        Tensor slope = activation == Activation.PRELU ? parameter(name + ".weight", new double[] {0.25}, 1) : null;
        return new ActivationSite(activation, slope);
    }

    /** A constant (non-trainable) tensor kept for the network's lifetime, e.g. a mask. */
    protected Tensor constant(double[] values, long... shape) {
        try (PointerScope scope = new PointerScope()) {
            Tensor t = Tensors.fromFlat(values, shape, dtype);
            t.retainReference();
            return t;
        }
    }

    private Module submodule(String path) {
        Module existing = submodules.get(path);
        if (existing != null) {
            return existing;
        }
        int dot = path.lastIndexOf('.');
        Module parent = dot < 0 ? module : submodule(path.substring(0, dot));
        Module child = new Module();
        child.retainReference();
        parent.register_module(path.substring(dot + 1), child);
        submodules.put(path, child);
        return child;
    }

    /** Checks a batch: 2-D, the right number of columns. */
    protected void checkInput(Tensor x, int columns, String what) {
        if (x.dim() != 2 || x.size(1) != columns) {
            throw new InvalidInputException(what + " must be n × " + columns + ", got shape " + Arrays.toString(shapeOf(x)));
        }
    }

    /** Concatenates x and the condition column-wise after checking both. */
    protected Tensor withCondition(Tensor x, Tensor condition) {
        checkInput(x, inputDim(), "input");
        checkInput(condition, conditionDim(), "condition");
        if (condition.size(0) != x.size(0)) {
            throw new InvalidInputException("condition has " + condition.size(0) + " rows, input has " + x.size(0));
        }
        return torch.cat(new TensorVector(x, condition), 1);
    }

    static long[] shapeOf(Tensor t) {
        long[] shape = new long[(int) t.dim()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.size(i);
        }
        return shape;
    }

    private static double[][] columnOf(double[] v) {
        double[][] rows = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            rows[i][0] = v[i];
        }
        return rows;
    }
}
