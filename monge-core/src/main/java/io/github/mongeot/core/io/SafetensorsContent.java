package io.github.mongeot.core.io;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a safetensors file holds: named arrays (in file order) and the string-to-string
 * {@code __metadata__} map.
 *
 * @param source    where the content came from (file name, for messages)
 * @param tensors   arrays by name, in the order of their data in the file
 * @param metadata  the {@code __metadata__} entries (empty when absent)
 * @param dataSha256 lowercase hex SHA-256 of the raw tensor data section
 */
public record SafetensorsContent(String source, Map<String, SafetensorsArray> tensors, Map<String, String> metadata,
        String dataSha256) {

    public SafetensorsContent {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The named array, or an {@link InvalidInputException} naming the file when it is missing. */
    public SafetensorsArray tensor(String name) {
        SafetensorsArray array = tensors.get(name);
        if (array == null) {
            throw new InvalidInputException(source + ": no tensor named '" + name + "' (has " + tensors.keySet() + ")");
        }
        return array;
    }
}
