/**
 * Gaussian closed forms for optimal transport with the squared Euclidean cost: the Bures map
 * between two Gaussians (an affine map) and W₂² between them — the exact references for tests.
 * Small symmetric matrices are handled in plain Java (Jacobi eigendecomposition, float64).
 */
package io.github.mongeot.core.gaussian;
