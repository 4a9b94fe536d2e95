package io.github.mongeot.core.engine;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.presets.openblas_nolapack;
import org.bytedeco.pytorch.global.torch;

/**
 * Process-wide libtorch settings: loading the native library and the intra-op thread count.
 *
 * <p>The thread count defaults to 1: with several threads OpenMP busy-waits and collapses on a
 * loaded 2-core machine unless {@code OMP_WAIT_POLICY=PASSIVE} is set before the JVM starts
 * (the {@code ./monge} launcher and the test runner set it). Override with the system property
 * {@code monge.threads} or the environment variable {@code MONGE_THREADS}.
 */
public final class Engine {
    private static volatile boolean initialised;

    private Engine() {
    }

    /** Loads libtorch (first call unpacks the natives into the JavaCPP cache) and applies settings. */
    public static void init() {
        if (initialised) {
            return;
        }
        synchronized (Engine.class) {
            if (initialised) {
                return;
            }
            Loader.load(torch.class);
            applyThreads(configuredThreads());
            initialised = true;
        }
    }

    /** Sets libtorch's intra-op thread count (same seed and same threads give the same result). */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        init();
        applyThreads(threads);
    }

    /**
     * libtorch's intra-op pool and OpenBLAS's own pool (used by mm/linear) are separate:
     * set_num_threads does not reach OpenBLAS, whose idle threads spin and made training steps
     * 15–30× slower on a loaded 2-core machine. Set both.
     */
    private static void applyThreads(int threads) {
        torch.set_num_threads(threads);
        openblas_nolapack.blas_set_num_threads(threads);
    }

    /**
     * Runs {@code work} with OpenBLAS on one thread (libtorch's pool unchanged), then restores it.
     * For products with a skinny inner dimension (n × (d + 2) by (d + 2) × m, memory-bound) OpenBLAS's
     * threading costs more than it gains: measured 0.2–0.3 ms single-threaded vs 4.7–8.7 ms on two
     * threads per 1000 × 1000 float32 block on this 2-core machine.
     */
    public static synchronized <T> T withSingleThreadedBlas(java.util.function.Supplier<T> work) {
        init();
        openblas_nolapack.blas_set_num_threads(1);
        try {
            return work.get();
        } finally {
            openblas_nolapack.blas_set_num_threads(torch.get_num_threads());
        }
    }

    public static int threads() {
        init();
        return torch.get_num_threads();
    }

    /** Seeds libtorch's global generator. */
    public static void seed(long seed) {
        init();
        torch.manual_seed(seed);
    }

    static int configuredThreads() {
        String value = System.getProperty("monge.threads", System.getenv("MONGE_THREADS"));
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("monge.threads / MONGE_THREADS must be a positive integer, got '" + value + "'");
    }
}
