/**
 * Inner solvers: a batched damped Newton method for many small strongly convex problems with
 * implicit differentiation of the argmin, and L-BFGS for one problem with optional box constraints.
 */
package io.github.mongeot.core.optim;
