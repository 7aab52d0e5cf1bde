package dev.caravan.restore;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.jboss.logging.Logger;

/**
 * Why a restore request was refused, as every trigger reports it: the HTTP API's error body, a
 * dead letter's reason, the {@code .error.txt} beside a failed inbox file.
 *
 * @param error   a stable word for programs: a {@link RestoreRefusedException.Reason}'s name,
 *                {@code BUSY} (too many restores queued) or {@code ERROR} (unexpected)
 * @param message what was wrong and what to do, for people; never a secret
 */
@RegisterForReflection
@JsonPropertyOrder({"error", "message"})
public record RestoreError(String error, String message) {

    private static final Logger LOG = Logger.getLogger(RestoreError.class);

    /** The error for what a route caught (Camel may have wrapped the refusal). */
    public static RestoreError of(Throwable cause) {
        RestoreRefusedException refused = refusal(cause);
        if (refused != null) {
            return new RestoreError(refused.reason().name(), refused.getMessage());
        }
        if (isQueueFull(cause)) {
            return new RestoreError("BUSY", "too many restores are queued; try again when some have finished");
        }
        LOG.warn("restore request failed unexpectedly", cause);
        return new RestoreError("ERROR", cause == null || cause.getMessage() == null ? String.valueOf(cause)
                : cause.getMessage());
    }

    /** The HTTP status for what a route caught: the refusal's, 503 for a full queue, else 500. */
    public static int httpStatus(Throwable cause) {
        RestoreRefusedException refused = refusal(cause);
        if (refused != null) {
            return refused.reason().httpStatus();
        }
        return isQueueFull(cause) ? 503 : 500;
    }

    /** The refusal in a chain of causes, or null. */
    public static RestoreRefusedException refusal(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RestoreRefusedException refused) {
                return refused;
            }
        }
        return null;
    }

    /** The refusal in a chain of causes, else the cause itself: what a job records. */
    public static Throwable unwrap(Throwable cause) {
        RestoreRefusedException refused = refusal(cause);
        return refused != null ? refused : cause;
    }

    /** A bounded SEDA queue that is full refuses with this (blockWhenFull=false). */
    private static boolean isQueueFull(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("Queue full")) {
                return true;
            }
        }
        return false;
    }
}
