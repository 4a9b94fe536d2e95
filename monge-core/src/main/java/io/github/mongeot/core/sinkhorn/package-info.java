/**
 * Entropic optimal transport by Sinkhorn iterations on libtorch tensors (../docs/methods/core-ot.md).
 *
 * <ul>
 *   <li>{@link io.github.mongeot.core.sinkhorn.Sinkhorn} — the solver; settings in
 *       {@link io.github.mongeot.core.sinkhorn.SinkhornOptions} (absolute or relative ε, threshold on
 *       ‖P1 − a‖₁, iteration cap, check interval, ε-scaling, warm start, dtype,
 *       {@link io.github.mongeot.core.sinkhorn.SinkhornMode}); outcome in
 *       {@link io.github.mongeot.core.sinkhorn.SinkhornResult}.</li>
 *   <li>{@link io.github.mongeot.core.sinkhorn.DifferentiableSinkhorn} — potentials and OT_ε on the
 *       caller's autograd graph, by unrolling or by implicit differentiation
 *       ({@link io.github.mongeot.core.sinkhorn.Differentiation}).</li>
 *   <li>{@link io.github.mongeot.core.sinkhorn.SinkhornDivergence} — the debiased divergence S_ε.</li>
 * </ul>
 *
 * <p>Subnormal numbers make CPU arithmetic tens of times slower; the solvers switch libtorch's
 * flush-denormal mode on for the calling thread during a solve and off afterwards.
 */
package io.github.mongeot.core.sinkhorn;
