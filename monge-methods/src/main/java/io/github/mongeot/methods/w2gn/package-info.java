/**
 * W2GN (Korotin et al., ICLR 2021): two input-convex potentials ψ, ψ̄ trained jointly with a
 * cycle-consistency regulariser; T = ∇ψ maps source to target and ∇ψ̄ inverts it.
 * {@link io.github.mongeot.methods.w2gn.W2gnEstimator} fits a
 * {@link io.github.mongeot.methods.w2gn.W2gnModel}.
 */
package io.github.mongeot.methods.w2gn;
