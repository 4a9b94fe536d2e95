/** The neural toolkit: networks, training utilities and persistence used by the estimators. */
package io.github.mongeot.nn;
