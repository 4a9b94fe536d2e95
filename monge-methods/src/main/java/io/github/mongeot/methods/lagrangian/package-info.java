/**
 * Neural Lagrangian optimal transport (Pooladian, Domingo-Enrich, Chen &amp; Amos, "Neural Optimal
 * Transport with Lagrangian Costs", UAI 2024): transport maps and their paths for costs
 * c(x, y) = min_γ ∫ L(γ, γ̇) dt with L(x, v) = ½vᵀA(x)v − U(x), and learning A from snapshots.
 */
package io.github.mongeot.methods.lagrangian;
