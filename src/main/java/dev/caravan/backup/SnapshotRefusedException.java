package dev.caravan.backup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A pulled snapshot failed its check (CRC64, a record, a truncated transfer): nothing was
 * shipped, and the staging file was set aside for diagnosis.
 */
public final class SnapshotRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path keptAt;

    SnapshotRefusedException(String message, Path keptAt, Throwable cause) {
        super(message, cause);
        this.keptAt = keptAt;
    }

    /** The staging file set aside as {@code .failed}, or null if it could not be kept. */
    public Path keptAt() {
        return keptAt;
    }
}
