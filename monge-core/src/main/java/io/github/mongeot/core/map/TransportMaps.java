package io.github.mongeot.core.map;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.io.ModelFile;
import io.github.mongeot.core.io.ModelFileContent;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Loads any saved {@link TransportMap}, dispatching on the file's model type. */
public final class TransportMaps {
    private TransportMaps() {
    }

    public static TransportMap load(Path path) {
        ModelFileContent content = ModelFile.read(path);
        TreeSet<String> known = new TreeSet<>();
        for (TransportMapLoader loader : ServiceLoader.load(TransportMapLoader.class)) {
            if (loader.modelType().equals(content.modelType())) {
                return loader.load(content);
            }
            known.add(loader.modelType());
        }
        throw new InvalidInputException(path + ": unknown model type '" + content.modelType() + "' (known: "
                + String.join(", ", known) + ")");
    }
}
