/**
 * Neural optimal transport with weak costs (Korotin, Selikhanovych &amp; Burnaev, ICLR 2023, as
 * described in Hardion &amp; Olivier's report): a stochastic map T(x, z) and a potential f trained by a
 * max–min, with the γ-weak quadratic cost, its strong deterministic special case, and the report's
 * variance penalty (negative γ). {@link io.github.mongeot.methods.neuralot.NotEstimator} fits a
 * {@link io.github.mongeot.methods.neuralot.NotModel}.
 */
package io.github.mongeot.methods.neuralot;
