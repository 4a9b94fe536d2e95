package io.github.mongeot.core.map;

import io.github.mongeot.core.io.ModelFileContent;

/**
 * Reads one model type back from a model file. Estimators register their loader in
 * {@code META-INF/services/io.github.mongeot.core.map.TransportMapLoader}, so
 * {@link TransportMaps#load} finds every model type on the classpath.
 */
public interface TransportMapLoader {
    String modelType();

    TransportMap load(ModelFileContent content);
}
