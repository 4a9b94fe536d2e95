package io.github.mongeot.core.engine;

import org.bytedeco.pytorch.global.torch.ScalarType;

/** Floating-point precision of tensors. Solvers, metrics and tests default to {@link #FLOAT64}. */
public enum DType {
    FLOAT32(ScalarType.Float),
    FLOAT64(ScalarType.Double);

    private final ScalarType scalarType;

    DType(ScalarType scalarType) {
        this.scalarType = scalarType;
    }

    public ScalarType scalarType() {
        return scalarType;
    }

    /** Bytes per element. */
    public int bytes() {
        return this == FLOAT32 ? 4 : 8;
    }

    /** Parses "float32"/"f32"/"float64"/"f64" (case-insensitive). */
    public static DType parse(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "float32": case "f32": case "float": return FLOAT32;
            case "float64": case "f64": case "double": return FLOAT64;
            default: throw new IllegalArgumentException("dtype must be float32 or float64, got '" + name + "'");
        }
    }
}
