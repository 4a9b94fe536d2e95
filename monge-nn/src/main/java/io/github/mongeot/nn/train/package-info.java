/**
 * Training utilities shared by the neural estimators: libtorch's Adam/AdamW behind a small
 * factory ({@link io.github.mongeot.nn.train.OptimizerConfig}), learning-rate schedules, gradient
 * clipping, and {@link io.github.mongeot.nn.train.TrainingLoop} (seeding, progress, JSON-lines
 * metrics, evaluation and checkpoint callbacks, early stop, failure on a non-finite loss).
 */
package io.github.mongeot.nn.train;
