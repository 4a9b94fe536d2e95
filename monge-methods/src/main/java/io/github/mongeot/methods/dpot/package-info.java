/**
 * DPOT (seed 003, "DeepParticle" OT with a convergence guarantee): any map network T trained by a
 * min–min alternation between exact OT plans Γ on batches and Adam steps on
 * sqrt(½ΣΓ‖T(x) − y‖²) + λ·sqrt(½ E‖T(x) − x‖²); conditional maps T(x; η) and an inverse S.
 * {@link io.github.mongeot.methods.dpot.DpotEstimator} fits a
 * {@link io.github.mongeot.methods.dpot.DpotModel}.
 */
package io.github.mongeot.methods.dpot;
