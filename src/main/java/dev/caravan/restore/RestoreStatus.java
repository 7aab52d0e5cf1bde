package dev.caravan.restore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A restore job at one moment, for {@code GET /api/restores/{id}} and the CLI's progress line.
 *
 * @param bytesDone      bytes of the current phase done (fetched, verified or loaded)
 * @param bytesTotal     bytes the current phase will handle; 0 while unknown
 * @param bytesPerSecond over the current phase so far
 * @param etaSeconds     of the current phase at that rate; null while unknown
 * @param keysSkipped    keys the target had (skip-existing) or that had expired
 * @param result         once {@link RestoreJob.Phase#DONE}
 * @param refusal        once {@link RestoreJob.Phase#FAILED}
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "phase", "startedAt", "finishedAt", "bytesDone", "bytesTotal", "keysRestored",
        "keysSkipped", "keysFailed", "bytesPerSecond", "etaSeconds", "result", "refusal"})
public record RestoreStatus(
        String id,
        RestoreJob.Phase phase,
        Instant startedAt,
        Instant finishedAt,
        long bytesDone,
        long bytesTotal,
        long keysRestored,
        long keysSkipped,
        long keysFailed,
        long bytesPerSecond,
        Long etaSeconds,
        RestoreResult result,
        Refusal refusal) {

    /**
     * Why a job failed.
     *
     * @param reason     the {@link RestoreRefusedException.Reason}'s name, or {@code ERROR} for an unexpected failure
     * @param httpStatus what an HTTP client is answered
     * @param message    what was wrong and what to do
     */
    @RegisterForReflection
    public record Refusal(String reason, int httpStatus, String message) {
    }
}
