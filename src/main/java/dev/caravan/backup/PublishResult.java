package dev.caravan.backup;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a destination's publish route answers: ok, or failed with the reason (never a secret),
 * how many attempts it took and how many bytes it stored.
 */
@RegisterForReflection
public record PublishResult(String destination, boolean ok, String error, int attempts, long bytes) {

    public static PublishResult ok(String destination, int attempts, long bytes) {
        return new PublishResult(destination, true, null, attempts, bytes);
    }

    public static PublishResult failed(String destination, int attempts, String error) {
        return new PublishResult(destination, false, error, attempts, 0);
    }
}
