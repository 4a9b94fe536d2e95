package io.github.mongeot.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.io.ModelFile;
import io.github.mongeot.core.io.SafetensorsArray;
import io.github.mongeot.nn.net.Activation;
import io.github.mongeot.nn.net.ConvPotentialConfig;
import io.github.mongeot.nn.net.IcnnConfig;
import io.github.mongeot.nn.net.MGradNetCConfig;
import io.github.mongeot.nn.net.MGradNetMConfig;
import io.github.mongeot.nn.net.MafConfig;
import io.github.mongeot.nn.net.MlpConfig;
import io.github.mongeot.nn.net.ModifiedMlpConfig;
import io.github.mongeot.nn.net.ResNetConfig;
import io.github.mongeot.nn.net.Network;
import io.github.mongeot.nn.net.NetworkConfig;
import io.github.mongeot.nn.net.UNetConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkFilesTest {
    @TempDir
    Path dir;

    static Stream<NetworkConfig> everyNetworkType() {
        return Stream.of(
                MlpConfig.of(2, List.of(8, 8), 2, Activation.PRELU),
                MlpConfig.of(2, List.of(8), 2, Activation.TANH).withResidual(true).withConditionDim(1).withDtype(DType.FLOAT32),
                IcnnConfig.of(3, List.of(8, 8)),
                IcnnConfig.symmetricCost(2, List.of(6), 0.01).withPassThrough(IcnnConfig.PassThrough.AFFINE).withDtype(DType.FLOAT32),
                MGradNetCConfig.of(2, 8, 3, Activation.TANH),
                MGradNetMConfig.of(3, 2, 5, MGradNetMConfig.ModuleActivation.SOFTMAX).withDtype(DType.FLOAT32),
                MGradNetMConfig.of(2, 3, 4, MGradNetMConfig.ModuleActivation.WEIGHTED_TANH),
                MafConfig.of(3, 3, List.of(8, 8)),
                ResNetConfig.of(2, 6, 2, 2, Activation.PRELU).withResidual(true),
                ResNetConfig.of(3, 4, 1, 1, Activation.RELU).withConditionDim(2).withDtype(DType.FLOAT32),
                ModifiedMlpConfig.of(2, 6, 2, 2, Activation.TANH).withConditionDim(1).withResidual(true),
                ModifiedMlpConfig.of(2, 5, 1, 3, Activation.PRELU).withDtype(DType.FLOAT32),
                MafConfig.of(2, 2, List.of(6)).withActivation(Activation.RELU).withDtype(DType.FLOAT32),
                UNetConfig.of(8, 4, 2, true),
                UNetConfig.of(8, 8, 2, true).withNoiseEveryLevel(true),
                ConvPotentialConfig.of(8, 4, 2).withDtype(DType.FLOAT64));
    }

    @ParameterizedTest
    @MethodSource("everyNetworkType")
    void outputsAreEqualAfterReload(NetworkConfig config) {
        Network net = config.build(42);
        perturb(net, new Random(1));
        Path file = dir.resolve(config.type() + ".safetensors");
        NetworkFiles.save(file, net);
        Network loaded = NetworkFiles.load(file);
        assertThat(loaded.config()).isEqualTo(config);
        assertThat(loaded.namedParameters().keySet()).containsExactlyElementsOf(net.namedParameters().keySet());
        double[][] x = randomRows(new Random(2), 7, net.inputDim());
        if (net.conditionDim() == 0) {
            assertThat(loaded.apply(x)).isDeepEqualTo(net.apply(x));
        } else {
            double[][] c = randomRows(new Random(3), 7, net.conditionDim());
            assertThat(conditional(loaded, x, c)).isDeepEqualTo(conditional(net, x, c));
        }
    }

    @ParameterizedTest
    @MethodSource("everyNetworkType")
    void configJsonRoundTrips(NetworkConfig config) {
        ObjectNode json = NetworkJson.toJson(config);
        assertThat(json.get("type").asText()).isEqualTo(config.type());
        assertThat(NetworkJson.fromJson(json, "test")).isEqualTo(config);
    }

    @Test
    void mismatchedParametersAreRefusedNamingTheFile() {
        Network net = MlpConfig.of(2, List.of(4), 1, Activation.RELU).build(1);
        Path file = dir.resolve("bad.safetensors");
        // config says hidden [5], tensors are for hidden [4]
        ObjectNode config = NetworkJson.toJson(MlpConfig.of(2, List.of(5), 1, Activation.RELU));
        List<SafetensorsArray> tensors = NetworkFiles.tensors(net, "");
        ModelFile.write(file, NetworkFiles.MODEL_TYPE, config, tensors);
        assertThatThrownBy(() -> NetworkFiles.load(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad.safetensors").hasMessageContaining("layers.0.weight");
        ModelFile.write(file, "entropic-map", config, tensors);
        assertThatThrownBy(() -> NetworkFiles.load(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("entropic-map");
    }

    @Test
    void unetFilesWrittenBeforeNoiseEveryLevelLoadWithTheNoiseAtTheInputOnly() {
        ObjectNode json = NetworkJson.toJson(UNetConfig.of(8, 4, 2, true));
        json.remove("noise_every_level");
        assertThat(NetworkJson.fromJson(json, "old.json")).isEqualTo(UNetConfig.of(8, 4, 2, true));
    }

    @Test
    void unknownTypeAndMissingFieldsAreRefused() {
        ObjectNode json = NetworkJson.toJson(MlpConfig.of(2, List.of(4), 1, Activation.RELU));
        json.put("type", "transformer");
        assertThatThrownBy(() -> NetworkJson.fromJson(json, "f.json")).isInstanceOf(InvalidInputException.class)
                .hasMessage("f.json: unknown network type 'transformer'");
        ObjectNode noHidden = NetworkJson.toJson(MlpConfig.of(2, List.of(4), 1, Activation.RELU));
        noHidden.remove("hidden");
        assertThatThrownBy(() -> NetworkJson.fromJson(noHidden, "f.json")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'hidden'");
    }

    @Test
    void prefixedTensorsEmbedSeveralNetworksInOneFile() {
        Network a = MlpConfig.of(2, List.of(4), 2, Activation.RELU).build(1);
        Network b = IcnnConfig.of(2, List.of(4)).build(2);
        Path file = dir.resolve("two.safetensors");
        List<SafetensorsArray> all = new java.util.ArrayList<>(NetworkFiles.tensors(a, "forward."));
        all.addAll(NetworkFiles.tensors(b, "potential."));
        ObjectNode config = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        config.set("forward", NetworkJson.toJson(a.config()));
        config.set("potential", NetworkJson.toJson(b.config()));
        ModelFile.write(file, "test-pair", config, all);
        var content = ModelFile.read(file);
        Network a2 = NetworkFiles.restore(content.config().get("forward"), content.tensors(), "forward.", content.source());
        Network b2 = NetworkFiles.restore(content.config().get("potential"), content.tensors(), "potential.", content.source());
        double[][] x = randomRows(new Random(5), 3, 2);
        assertThat(a2.apply(x)).isDeepEqualTo(a.apply(x));
        assertThat(b2.apply(x)).isDeepEqualTo(b.apply(x));
    }

    private static double[][] conditional(Network net, double[][] x, double[][] c) {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor out = net.forward(io.github.mongeot.core.engine.Tensors.fromRows(x, net.dtype()),
                    io.github.mongeot.core.engine.Tensors.fromRows(c, net.dtype()));
            return io.github.mongeot.core.engine.Tensors.toRows(out);
        }
    }

    private static void perturb(Network net, Random random) {
        Map<String, SafetensorsArray> arrays = net.parameterArrays();
        Map<String, SafetensorsArray> changed = new java.util.LinkedHashMap<>();
        arrays.forEach((name, a) -> {
            double[] data = a.data();
            for (int i = 0; i < data.length; i++) {
                data[i] += 0.3 * random.nextGaussian();
            }
            changed.put(name, new SafetensorsArray(name, a.dtype(), a.shape(), data));
        });
        net.loadParameterArrays(changed, "perturbation");
    }

    private static double[][] randomRows(Random random, int n, int d) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return x;
    }
}
