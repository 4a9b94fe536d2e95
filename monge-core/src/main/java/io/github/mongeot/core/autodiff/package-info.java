/**
 * Derivatives by libtorch autograd for row-wise functions of points: gradients w.r.t. inputs,
 * batched Jacobians and Hessians for small d, Hessian-vector products and log|det| of Jacobians,
 * all optionally differentiable again (create_graph).
 */
package io.github.mongeot.core.autodiff;
