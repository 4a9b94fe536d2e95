package io.github.mongeot.core.io;

import io.github.mongeot.core.data.InvalidInputException;
import java.nio.file.Path;
import java.util.Locale;

/** The array file formats, chosen by the file name's extension (any case). */
public enum ArrayFormat {
    /** numpy's single-array binary format. */
    NPY(".npy"),
    /** numpy's zip of named {@code .npy} arrays. */
    NPZ(".npz"),
    /** Comma-separated text, one row per line, optional header line. */
    CSV(".csv");

    private final String extension;

    ArrayFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The format of {@code file}, from its extension; an unknown one is an {@link InvalidInputException}. */
    public static ArrayFormat of(Path file) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        for (ArrayFormat format : values()) {
            if (lower.endsWith(format.extension)) {
                return format;
            }
        }
        throw new InvalidInputException(file + ": unknown array file type (use .npy, .npz or .csv)");
    }
}
