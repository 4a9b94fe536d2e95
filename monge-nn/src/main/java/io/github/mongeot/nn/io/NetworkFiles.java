package io.github.mongeot.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.io.ModelFile;
import io.github.mongeot.core.io.ModelFileContent;
import io.github.mongeot.core.io.SafetensorsArray;
import io.github.mongeot.nn.net.Network;
import io.github.mongeot.nn.net.NetworkConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saving and loading networks. A saved network is a Monge model file (model_type "network")
 * whose config is {@link NetworkJson}'s document and whose tensors are the network's named
 * parameters ("layers.0.weight", ...). Estimators holding several networks embed them in their
 * own model files with {@link #tensors(Network, String)} and {@link #restore}.
 */
public final class NetworkFiles {
    /** The model_type of a file holding one network. */
    public static final String MODEL_TYPE = "network";

    private NetworkFiles() {
    }

    /** Writes the network (config + parameters) atomically. */
    public static void save(Path path, Network network) {
        ModelFile.write(path, MODEL_TYPE, NetworkJson.toJson(network.config()), tensors(network, ""));
    }

    /** Reads a network written by {@link #save}; damaged or mismatched files are refused naming the file. */
    public static Network load(Path path) {
        ModelFileContent content = ModelFile.read(path).requireType(MODEL_TYPE);
        return restore(content.config(), content.tensors(), "", content.source());
    }

    /** The network's parameters as named arrays, names prefixed with {@code prefix} (e.g. "forward."). */
    public static List<SafetensorsArray> tensors(Network network, String prefix) {
        List<SafetensorsArray> out = new ArrayList<>();
        network.parameterArrays().forEach((name, a) -> out.add(new SafetensorsArray(prefix + name, a.dtype(), a.shape(), a.data())));
        return out;
    }

    /**
     * Rebuilds a network from its JSON config and the arrays whose names start with
     * {@code prefix} (other arrays are ignored); {@code source} names the file in messages.
     */
    public static Network restore(JsonNode config, Map<String, SafetensorsArray> tensors, String prefix, String source) {
        NetworkConfig parsed = NetworkJson.fromJson(config, source);
        Network network = parsed.build(0L);
        Map<String, SafetensorsArray> own = new LinkedHashMap<>();
        tensors.forEach((name, a) -> {
            if (name.startsWith(prefix)) {
                String local = name.substring(prefix.length());
                own.put(local, new SafetensorsArray(local, a.dtype(), a.shape(), a.data()));
            }
        });
        if (own.isEmpty() && !network.namedParameters().isEmpty()) {
            throw new InvalidInputException(source + ": no parameters found" + (prefix.isEmpty() ? "" : " under '" + prefix + "'"));
        }
        network.loadParameterArrays(own, source);
        return network;
    }
}
