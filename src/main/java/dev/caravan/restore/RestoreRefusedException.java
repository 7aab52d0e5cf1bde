package dev.caravan.restore;

import java.util.Objects;

/**
 * A restore that was refused before it touched its target (or, for {@link Reason#TARGET_FAILED}
 * and {@link Reason#DAMAGED_WHILE_LOADING}, stopped while loading), with a message that says what
 * was wrong and what to do. Every trigger reports it the same way: an HTTP status, a
 * {@code failed/} reason beside a dropped file, a dead-letter message, or a CLI exit code.
 */
public class RestoreRefusedException extends RuntimeException {

    /** Why a restore was refused; each maps to the HTTP status a client sees. */
    public enum Reason {
        /** Malformed JSON, an unknown field, a bad filter, flush-first without confirm. */
        INVALID_REQUEST(400),
        /** An unknown backup id, source or destination, or no backup at all for {@code latest}. */
        NOT_FOUND(404),
        /** The target is being restored by another job. */
        CONFLICT(409),
        /** The archive failed its checks (SHA-256, decompression, CRC64, parse): nothing was loaded. */
        CORRUPT_ARCHIVE(422),
        /**
         * An archive turned out damaged while it was loading, after its check (by checksum only, or
         * it changed in staging): the target holds the keys written before the damage.
         */
        DAMAGED_WHILE_LOADING(422),
        /** The target refused what it would be given (RDB version, size limits), checked before loading. */
        TARGET_INCOMPATIBLE(422),
        /** The target cannot be reached or refused the credentials. */
        TARGET_UNAVAILABLE(502),
        /** No destination holding the backup could be reached. */
        SOURCE_UNAVAILABLE(502),
        /** The target failed while loading. */
        TARGET_FAILED(502);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public RestoreRefusedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public RestoreRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
