/**
 * One-dimensional optimal transport: for a cost c(x, y) = h(x − y) with h convex the monotone
 * (sorted, north-west corner) coupling is optimal ({@link io.github.mongeot.core.onedim.OneDimensionalOT}).
 */
package io.github.mongeot.core.onedim;
