package dev.caravan.restore;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a restore needs to know about its target before loading: the server ({@code redis} or
 * {@code valkey}) and version, the highest RDB version its RESTORE accepts, the largest bulk
 * argument it takes ({@code proto-max-bulk-len}; {@code bulkLimitAssumed} when the server would
 * not say and 512 MB, Redis's default, is assumed) and how many databases it has.
 */
@RegisterForReflection
public record TargetInfo(String server, String version, int maxRdbVersion, long protoMaxBulkLen,
                         boolean bulkLimitAssumed, int databases) {

    /** Redis's default {@code proto-max-bulk-len}. */
    public static final long DEFAULT_PROTO_MAX_BULK_LEN = 512L * 1024 * 1024;

    /** E.g. {@code redis 7.2.4 (RDB 11)}. */
    public String describe() {
        return server + " " + version + " (RDB " + maxRdbVersion + ")";
    }
}
