package io.github.mongeot.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.nn.net.Activation;
import io.github.mongeot.nn.net.ConvPotentialConfig;
import io.github.mongeot.nn.net.IcnnConfig;
import io.github.mongeot.nn.net.MGradNetCConfig;
import io.github.mongeot.nn.net.MGradNetMConfig;
import io.github.mongeot.nn.net.MafConfig;
import io.github.mongeot.nn.net.MlpConfig;
import io.github.mongeot.nn.net.ModifiedMlpConfig;
import io.github.mongeot.nn.net.ResNetConfig;
import io.github.mongeot.nn.net.NetworkConfig;
import io.github.mongeot.nn.net.UNetConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Network configs as JSON documents: {"type": "mlp", "input_dim": 2, "hidden": [64, 64], ...,
 * "dtype": "float64"} (snake_case keys, lowercase names, readable from Python).
 */
public final class NetworkJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NetworkJson() {
    }

    /** The config as a JSON object with a "type" field. */
    public static ObjectNode toJson(NetworkConfig config) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", config.type());
        if (config instanceof MlpConfig c) {
            o.put("input_dim", c.inputDim());
            ints(o.putArray("hidden"), c.hidden());
            o.put("output_dim", c.outputDim());
            o.put("activation", c.activation().id());
            o.put("residual", c.residual());
            o.put("condition_dim", c.conditionDim());
        } else if (config instanceof IcnnConfig c) {
            o.put("input_dim", c.inputDim());
            ints(o.putArray("hidden"), c.hidden());
            o.put("activation", c.activation().id());
            o.put("pass_through", c.passThrough().id());
            o.put("quadratic_rank", c.quadraticRank());
            o.put("strong_convexity", c.strongConvexity());
            o.put("symmetric", c.symmetric());
        } else if (config instanceof MGradNetCConfig c) {
            o.put("dim", c.dim());
            o.put("width", c.width());
            o.put("layers", c.layers());
            o.put("activation", c.activation().id());
        } else if (config instanceof MGradNetMConfig c) {
            o.put("dim", c.dim());
            o.put("modules", c.modules());
            o.put("width", c.width());
            o.put("activation", c.kind().id());
        } else if (config instanceof MafConfig c) {
            o.put("dim", c.dim());
            o.put("layers", c.layers());
            ints(o.putArray("hidden"), c.hidden());
            o.put("activation", c.activation().id());
        } else if (config instanceof ResNetConfig c) {
            o.put("input_dim", c.inputDim());
            o.put("width", c.width());
            o.put("blocks", c.blocks());
            o.put("output_dim", c.outputDim());
            o.put("activation", c.activation().id());
            o.put("residual", c.residual());
            o.put("condition_dim", c.conditionDim());
        } else if (config instanceof ModifiedMlpConfig c) {
            o.put("input_dim", c.inputDim());
            o.put("width", c.width());
            o.put("depth", c.depth());
            o.put("output_dim", c.outputDim());
            o.put("activation", c.activation().id());
            o.put("residual", c.residual());
            o.put("condition_dim", c.conditionDim());
        } else if (config instanceof UNetConfig c) {
            o.put("height", c.height());
            o.put("width", c.width());
            o.put("channels", c.channels());
            o.put("noise_channel", c.noiseChannel());
            o.put("noise_every_level", c.noiseEveryLevel());
            o.put("activation", c.activation().id());
        } else if (config instanceof ConvPotentialConfig c) {
            o.put("height", c.height());
            o.put("width", c.width());
            o.put("channels", c.channels());
            o.put("activation", c.activation().id());
        } else {
            throw new IllegalStateException("no JSON form for " + config.type());
        }
        o.put("dtype", config.dtype() == DType.FLOAT32 ? "float32" : "float64");
        return o;
    }

    /** Parses a config; {@code source} names the input (file) in messages. */
    public static NetworkConfig fromJson(JsonNode node, String source) {
        Reader r = new Reader(node, source);
        String type = r.string("type");
        DType dtype = r.dtype();
        try {
            switch (type) {
                case MlpConfig.TYPE:
                    return new MlpConfig(r.integer("input_dim"), r.integers("hidden"), r.integer("output_dim"),
                            Activation.parse(r.string("activation")), r.bool("residual"), r.integer("condition_dim"), dtype);
                case IcnnConfig.TYPE:
                    return new IcnnConfig(r.integer("input_dim"), r.integers("hidden"), Activation.parse(r.string("activation")),
                            IcnnConfig.PassThrough.parse(r.string("pass_through")), r.integer("quadratic_rank"),
                            r.number("strong_convexity"), r.bool("symmetric"), dtype);
                case MGradNetCConfig.TYPE:
                    return new MGradNetCConfig(r.integer("dim"), r.integer("width"), r.integer("layers"),
                            Activation.parse(r.string("activation")), dtype);
                case MGradNetMConfig.TYPE:
                    return new MGradNetMConfig(r.integer("dim"), r.integer("modules"), r.integer("width"),
                            MGradNetMConfig.ModuleActivation.parse(r.string("activation")), dtype);
                case MafConfig.TYPE:
                    return new MafConfig(r.integer("dim"), r.integer("layers"), r.integers("hidden"),
                            Activation.parse(r.string("activation")), dtype);
                case ResNetConfig.TYPE:
                    return new ResNetConfig(r.integer("input_dim"), r.integer("width"), r.integer("blocks"), r.integer("output_dim"),
                            Activation.parse(r.string("activation")), r.bool("residual"), r.integer("condition_dim"), dtype);
                case ModifiedMlpConfig.TYPE:
                    return new ModifiedMlpConfig(r.integer("input_dim"), r.integer("width"), r.integer("depth"), r.integer("output_dim"),
                            Activation.parse(r.string("activation")), r.bool("residual"), r.integer("condition_dim"), dtype);
                case UNetConfig.TYPE:
                    return new UNetConfig(r.integer("height"), r.integer("width"), r.integer("channels"), r.bool("noise_channel"),
                            r.node().has("noise_every_level") && r.bool("noise_every_level"), // absent in older model files
                            Activation.parse(r.string("activation")), dtype);
                case ConvPotentialConfig.TYPE:
                    return new ConvPotentialConfig(r.integer("height"), r.integer("width"), r.integer("channels"),
                            Activation.parse(r.string("activation")), dtype);
                default:
                    throw new InvalidInputException(source + ": unknown network type '" + type + "'");
            }
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith(source)) {
                throw e;
            }
            throw new InvalidInputException(source + ": " + e.getMessage(), e);
        }
    }

    private static void ints(ArrayNode array, List<Integer> values) {
        values.forEach(array::add);
    }

    /** Field access with one-line errors naming the source and the field. */
    private record Reader(JsonNode node, String source) {
        Reader {
            if (node == null || !node.isObject()) {
                throw new InvalidInputException(source + ": network config must be a JSON object");
            }
        }

        JsonNode field(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                throw new InvalidInputException(source + ": network config lacks '" + name + "'");
            }
            return v;
        }

        String string(String name) {
            JsonNode v = field(name);
            if (!v.isTextual()) {
                throw new InvalidInputException(source + ": network config '" + name + "' must be a string");
            }
            return v.asText();
        }

        int integer(String name) {
            JsonNode v = field(name);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new InvalidInputException(source + ": network config '" + name + "' must be an integer");
            }
            return v.asInt();
        }

        double number(String name) {
            JsonNode v = field(name);
            if (!v.isNumber()) {
                throw new InvalidInputException(source + ": network config '" + name + "' must be a number");
            }
            return v.asDouble();
        }

        boolean bool(String name) {
            JsonNode v = field(name);
            if (!v.isBoolean()) {
                throw new InvalidInputException(source + ": network config '" + name + "' must be true or false");
            }
            return v.asBoolean();
        }

        List<Integer> integers(String name) {
            JsonNode v = field(name);
            if (!v.isArray()) {
                throw new InvalidInputException(source + ": network config '" + name + "' must be an array of integers");
            }
            List<Integer> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                    throw new InvalidInputException(source + ": network config '" + name + "' must be an array of integers");
                }
                out.add(e.asInt());
            }
            return out;
        }

        DType dtype() {
            try {
                return DType.parse(string("dtype"));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source + ": " + e.getMessage());
            }
        }
    }
}
