package io.github.mongeot.core.data;

/**
 * Bad input to a public entry point. The message is one line that names the input at fault
 * (argument or file, and row where known), so the CLI can print it as is.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
