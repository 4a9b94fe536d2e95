/**
 * Learned-cost Monge maps (Howard, Deligiannidis, Rebeschini, Thornton 2024, seed 000): a ground
 * cost c_θ(x, y) = h_θ(Φ_μ(x) − Φ_ν(y)) with h_θ a symmetric, strongly convex ICNN and Φ optional
 * MAF flows, whose entropic map estimator is differentiated end to end (implicitly through Sinkhorn
 * and through (∇h)⁻¹) and trained on losses that encode what is known about the map.
 * {@link io.github.mongeot.methods.costlearning.CostLearningEstimator} fits a
 * {@link io.github.mongeot.methods.costlearning.CostLearningModel}; losses are
 * {@link io.github.mongeot.methods.costlearning.CostLearningLoss} objects (see
 * {@link io.github.mongeot.methods.costlearning.Losses}).
 */
package io.github.mongeot.methods.costlearning;
