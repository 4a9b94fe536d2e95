package io.github.mongeot.core.sinkhorn;

/** How the Sinkhorn iterations are carried out. All three solve the same problem. */
public enum SinkhornMode {
    /** Log-domain updates with logsumexp: stable for any ε, slowest (several passes over C per update). */
    LOG,
    /**
     * Kernel scalings u, v with matrix-vector products (POT's default Sinkhorn), stabilised by absorbing
     * large scalings into the potentials (Schmitzer 2019). Fails with an {@link ArithmeticException}
     * if the kernel under- or overflows anyway.
     */
    SCALING,
    /**
     * {@link #SCALING}, falling back to {@link #LOG} from the current potentials when it would fail;
     * {@link #ONLINE} for point clouds whose cost matrix would not fit the memory budget.
     */
    AUTO,
    /**
     * Log-domain updates computed block by block from the points, never forming the n × m cost matrix:
     * linear memory, for large point clouds ({@link OnlineSinkhorn}). Needs the points, not a matrix.
     */
    ONLINE
}
