package io.github.mongeot.core.io;

import io.github.mongeot.core.data.InvalidInputException;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file atomically: the content goes to a temporary file in the target's directory,
 * is flushed to disk, and is then moved over the target in one step, so a reader never sees a
 * half-written file and a failed write leaves any previous file untouched.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Produces the file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code target} atomically. Failures (missing directory, no
     * permission, disk full) throw {@link InvalidInputException} with one line naming the file.
     */
    public static void write(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new InvalidInputException(target + ": cannot write (directory " + directory + " does not exist)");
        }
        if (Files.isDirectory(absolute)) {
            throw new InvalidInputException(target + ": cannot write (it is a directory)");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
            try (FileOutputStream file = new FileOutputStream(temp.toFile());
                    OutputStream out = new BufferedOutputStream(file, 1 << 16)) {
                content.writeTo(out);
                out.flush();
                file.getFD().sync();
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            syncDirectory(directory);
        } catch (IOException e) {
            throw new InvalidInputException(target + ": cannot write (" + describe(e) + ")", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original failure is the one worth reporting
                }
            }
        }
    }

    static String describe(IOException e) {
        String type = e.getClass().getSimpleName().replace("Exception", "");
        String message = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return message == null ? type : type + ": " + message;
    }

    /** Makes the rename durable; some file systems refuse to open a directory, which is fine. */
    private static void syncDirectory(Path dir) {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dir,
                java.nio.file.StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // durability of the directory entry is best effort
        }
    }
}
