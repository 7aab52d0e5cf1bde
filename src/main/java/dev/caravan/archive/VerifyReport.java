package dev.caravan.archive;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The verdict on one snapshot file. {@code outcome} says whether it is valid, invalid (the bytes
 * are wrong: {@code error} says where and how), or unreadable (it could not be read at all).
 */
@RegisterForReflection
public record VerifyReport(
        String file,
        Outcome outcome,
        String magic,
        Integer rdbVersion,
        long bytes,
        long keys,
        long expiringKeys,
        String checksum,
        String error,
        long elapsedMillis) {

    public enum Outcome {
        VALID, INVALID, UNREADABLE
    }

    public boolean valid() {
        return outcome == Outcome.VALID;
    }

    /** Read throughput in MB/s (10^6 bytes), or 0 for an instant read. */
    public double megabytesPerSecond() {
        return elapsedMillis == 0 ? 0 : bytes / 1000.0 / elapsedMillis;
    }
}
