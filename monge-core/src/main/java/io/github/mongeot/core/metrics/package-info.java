/**
 * Quality metrics for fitted transport maps (Korotin et al. 2021, "Do neural optimal transport
 * solvers work? A continuous Wasserstein-2 benchmark"): L2-UVP, cosine similarity of
 * displacements, and (R)MSE on known pairs. All take points one row per point and average
 * uniformly over the rows.
 */
package io.github.mongeot.core.metrics;
