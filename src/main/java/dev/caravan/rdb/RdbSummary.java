package dev.caravan.rdb;

/**
 * What a parse found: magic ("REDIS" or "VALKEY"), RDB version, checksum status, key counts and
 * the total bytes read. {@code trailingEofMark} is the 40-character mark a diskless replication
 * stream appends after the checksum, when the file still carries it (otherwise null).
 */
public record RdbSummary(String magic, int version, Checksum checksum, long storedChecksum, long keys,
        long expiringKeys, long bytes, String trailingEofMark) {

    public enum Checksum {
        /** Stored CRC-64 matched. */
        VERIFIED,
        /** The writer stored 0: checksums were disabled ({@code rdbchecksum no}). */
        DISABLED,
        /** RDB versions below 5 have no checksum. */
        ABSENT,
        /** Not computed: a framing-only pass over bytes an earlier pass verified. */
        NOT_CHECKED
    }
}
