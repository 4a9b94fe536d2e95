package io.github.mongeot.nn.train;

/**
 * Saves the model state (e.g. a model file written atomically). Called only with parameters that
 * gave a finite loss, labelled by the number of updates applied to them.
 */
@FunctionalInterface
public interface Checkpoint {
    void save(long step);
}
