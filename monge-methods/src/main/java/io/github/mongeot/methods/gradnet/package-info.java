/**
 * GradNetOT (Chaudhari, Pranav, Moura 2025): monotone gradient networks (mGradNet-C/M) trained
 * on the Monge–Ampère equation between two known densities ({@link io.github.mongeot.methods.gradnet.Density}:
 * Gaussians, Gaussian mixtures, images as kernel density estimates).
 * {@link io.github.mongeot.methods.gradnet.GradnetEstimator} fits a
 * {@link io.github.mongeot.methods.gradnet.GradnetModel}.
 */
package io.github.mongeot.methods.gradnet;
