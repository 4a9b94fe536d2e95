/**
 * Exact optimal transport: the Kantorovich linear program min ⟨P, C⟩ over couplings of two discrete
 * measures, solved by a network simplex on plain Java arrays ({@link io.github.mongeot.core.exact.NetworkSimplex},
 * {@link io.github.mongeot.core.exact.ExactOT}).
 */
package io.github.mongeot.core.exact;
