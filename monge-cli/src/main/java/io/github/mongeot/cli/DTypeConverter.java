package io.github.mongeot.cli;

import io.github.mongeot.core.engine.DType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --dtype float32|float64} (also f32/f64); a bad value is a usage error (exit 2). */
final class DTypeConverter implements ITypeConverter<DType> {
    @Override
    public DType convert(String value) {
        try {
            return DType.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
