/** Paths between two points as cubic splines with fixed endpoints (Pooladian et al. 2024, appendix A). */
package io.github.mongeot.nn.path;
