package io.github.mongeot.bench;

import io.github.mongeot.core.autodiff.Autodiff;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.train.OptimizerConfig;
import io.github.mongeot.nn.train.TrainingOptimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the peers' networks (../shared/peers/bench_nn_torch.py), 1 intra-op thread:
 * <ul>
 *   <li>A: MLP 2-64-64-64-1, LeakyReLU(0.01), nn.Linear's init, batch 1024 of N(0, I) inputs,
 *       loss mean((f(x) − sin(x₀)cos(x₁))²), Adam(lr 1e-3);</li>
 *   <li>C: the same MLP, loss mean_i ‖∇_x f(x_i)‖² (create_graph), backward to the parameters
 *       (double backward), Adam step.</li>
 * </ul>
 * One step = zero_grad(set_to_none) + forward + backward + optimizer step, inside a PointerScope.
 * Peers on this machine (torch 1 thread): A f64 2.65 ms, A f32 1.32 ms, C f64 5.58 ms, C f32 2.49 ms.
 * Run: {@code java -jar monge-bench/target/monge-benchmarks.jar TrainingStep}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m"})
@State(Scope.Benchmark)
public class TrainingStepBenchmark {
    private static final int[] SIZES = {2, 64, 64, 64, 1};
    private static final int BATCH = 1024;

    @Param({"A", "C"})
    public String kind;

    @Param({"float32", "float64"})
    public String dtype;

    private final List<Tensor> weights = new ArrayList<>();
    private final List<Tensor> biases = new ArrayList<>();
    private TrainingOptimizer optimizer;
    private Tensor x;
    private Tensor target;
    private Scalar slope;

    @Setup(Level.Trial)
    public void setUp() {
        Engine.setThreads(1); // libtorch's and OpenBLAS's pools
        Engine.seed(0);
        DType type = DType.parse(dtype);
        List<Tensor> parameters = new ArrayList<>();
        for (int i = 0; i + 1 < SIZES.length; i++) {
            // nn.Linear's default init: U(−1/√fan_in, 1/√fan_in) for weight (out × in) and bias.
            double bound = 1 / Math.sqrt(SIZES[i]);
            Tensor w = uniform(new long[] {SIZES[i + 1], SIZES[i]}, bound, type);
            Tensor b = uniform(new long[] {SIZES[i + 1]}, bound, type);
            weights.add(w);
            biases.add(b);
            parameters.add(w);
            parameters.add(b);
        }
        optimizer = OptimizerConfig.adam(1e-3).create(parameters);
        x = torch.randn(new long[] {BATCH, 2}, Tensors.options(type));
        target = x.select(1, 0).sin().mul(x.select(1, 1).cos()).unsqueeze(1);
        slope = Tensors.scalar(0.01);
        for (int i = 0; i < 50; i++) {
            step();
        }
    }

    private static Tensor uniform(long[] shape, double bound, DType type) {
        return torch.rand(shape, Tensors.options(type)).mul(Tensors.scalar(2 * bound)).sub(Tensors.scalar(bound))
                .requires_grad_(true);
    }

    private Tensor forward(Tensor input) {
        Tensor h = input;
        for (int i = 0; i < weights.size(); i++) {
            h = torch.linear(h, weights.get(i), biases.get(i));
            if (i + 1 < weights.size()) {
                h = torch.leaky_relu(h, slope);
            }
        }
        return h;
    }

    @Benchmark
    public void step() {
        try (PointerScope scope = new PointerScope()) {
            optimizer.zeroGrad();
            Tensor loss;
            if (kind.equals("A")) {
                Tensor r = forward(x).sub(target);
                loss = r.pow(Tensors.scalar(2)).mean();
            } else {
                Tensor xr = x.detach().requires_grad_(true);
                Tensor gx = Autodiff.gradientOf(forward(xr), xr, true);
                loss = gx.pow(Tensors.scalar(2)).sum(1).mean();
            }
            loss.backward();
            optimizer.step();
        }
    }
}
