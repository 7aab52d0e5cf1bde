package dev.caravan.restore;

import dev.caravan.redis.PullOptions;
import dev.caravan.redis.RedisUri;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads a verified, decompressed RDB stream into a live Redis with pipelined
 * {@code RESTORE key ttl payload [REPLACE] ABSTTL}.
 */
public final class RedisLoader {

    /** Payloads above this size are spilled to a file and streamed to the server. */
    public static final long DEFAULT_SPILL_THRESHOLD = 8L * 1024 * 1024;

    private final PullOptions connection;
    private final Path spillDir;
    private final long spillThreshold;

    /**
     * {@code connection}: connect and reply time-outs and TLS settings; {@code spillDir}: where
     * payloads above {@code spillThreshold} bytes wait (one at a time) before they are sent.
     */
    public RedisLoader(PullOptions connection, Path spillDir, long spillThreshold) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.spillDir = Objects.requireNonNull(spillDir, "spillDir");
        if (spillThreshold < 1) {
            throw new IllegalArgumentException("spillThreshold must be positive, got " + spillThreshold);
        }
        this.spillThreshold = spillThreshold;
    }

    public RedisLoader() {
        this(PullOptions.defaults(), Path.of(System.getProperty("java.io.tmpdir")), DEFAULT_SPILL_THRESHOLD);
    }

    /** What the target is; refused with TARGET_UNAVAILABLE when it cannot be reached or logged in to. */
    public TargetInfo probe(RedisUri target) {
        return new TargetProbe(connection).probe(target);
    }

    /**
     * Refuses (TARGET_INCOMPATIBLE) when a payload needs a newer RDB version than the target loads,
     * or is bigger than its {@code proto-max-bulk-len}; names the key, the sizes and versions.
     */
    public static void checkCompatible(RdbRequirements requirements, TargetInfo target) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Loads {@code verifiedRdb} into {@code target}. First probes the target and checks
     * {@code requirements} (from the verify pass) against it, and for {@code flush-first} flushes the
     * target databases in scope; then streams every key the filter takes. Progress goes to
     * {@code counters} as it happens.
     *
     * @throws RestoreRefusedException TARGET_UNAVAILABLE, TARGET_INCOMPATIBLE before anything is
     *         written; TARGET_FAILED when the target fails while loading
     * @throws IOException when reading {@code verifiedRdb} fails
     */
    public LoadReport load(InputStream verifiedRdb, RedisUri target, LoadOptions options, RdbRequirements requirements,
                           LoadCounters counters) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Two passes over a decompressed RDB file: the requirements, then the load. */
    public LoadReport load(Path rdbFile, RedisUri target, LoadOptions options, LoadCounters counters) throws IOException {
        RdbRequirements requirements;
        try (InputStream in = java.nio.file.Files.newInputStream(rdbFile)) {
            requirements = RdbRequirements.of(in, options.filter());
        }
        try (InputStream in = java.nio.file.Files.newInputStream(rdbFile)) {
            return load(in, target, options, requirements, counters);
        }
    }
}
