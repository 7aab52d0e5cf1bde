package dev.caravan.restore;

import dev.caravan.rdb.RdbParser;
import dev.caravan.redis.PullOptions;
import dev.caravan.redis.RedisConnection;
import dev.caravan.redis.RedisUri;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
     * Refuses (TARGET_INCOMPATIBLE) a cluster node, and a target for which a payload needs a newer
     * RDB version than it loads, is bigger than its {@code proto-max-bulk-len}, or goes to a
     * database it does not have; the message names the key, the versions or sizes, and what to do.
     */
    public static void checkCompatible(RdbRequirements requirements, TargetInfo target) {
        if (target.cluster()) {
            throw incompatible("the target is a Redis Cluster node, and restoring into a cluster (each key to the"
                    + " shard of its slot) is not supported yet: restore into a standalone server, or to an RDB file");
        }
        if (requirements.highestPayloadVersion() > target.maxRdbVersion()) {
            throw incompatible("the backup holds " + requirements.firstKeyAtHighest() + ", which needs RDB version "
                    + requirements.highestPayloadVersion() + ", and the target " + target.server() + " "
                    + target.version() + " loads RDB " + target.maxRdbVersion() + " at most: restore into a newer server, or"
                    + " leave such keys out with a filter");
        }
        if (requirements.largestPayload() > target.protoMaxBulkLen()) {
            throw incompatible("the key " + requirements.largestKey() + " is " + requirements.largestPayload()
                    + " bytes as a RESTORE payload, more than the target's proto-max-bulk-len of "
                    + target.protoMaxBulkLen() + (target.bulkLimitAssumed() ? " (assumed: the server did not say)" : "")
                    + ": raise proto-max-bulk-len on the target (CONFIG SET proto-max-bulk-len "
                    + requirements.largestPayload() + "), or leave the key out with a filter");
        }
        for (int db : requirements.targetDbs()) {
            if (db >= target.databases()) {
                throw incompatible("the restore writes to database " + db + ", and the target has " + target.databases()
                        + " (databases 0-" + (target.databases() - 1) + "): remap the database or raise the target's"
                        + " 'databases' setting");
            }
        }
    }

    /**
     * Loads {@code verifiedRdb} into {@code target}. First probes the target and checks
     * {@code requirements} (from the verify pass, for the same filter) against it, and for
     * {@code flush-first} flushes the target databases the restore writes to; then streams every
     * key the filter takes, skipping keys whose expiry has passed, and loads the RDB's function
     * libraries (Redis 7.0+; the filter does not apply to them). A dry run probes and checks the
     * same way, then parses and counts (keys it would send count as restored) and writes nothing.
     * Progress goes to {@code counters} as it happens. The database in the target URI is ignored:
     * keys go to their own database, or where the filter remaps it.
     *
     * @throws RestoreRefusedException TARGET_UNAVAILABLE, TARGET_INCOMPATIBLE before anything is
     *         written; TARGET_FAILED when the target fails while loading
     * @throws IOException when reading {@code verifiedRdb} fails
     */
    public LoadReport load(InputStream verifiedRdb, RedisUri target, LoadOptions options, RdbRequirements requirements,
                           LoadCounters counters) throws IOException {
        long started = System.nanoTime();
        try (RedisConnection connection = TargetProbe.connect(target, this.connection)) {
            TargetInfo info;
            try {
                info = TargetProbe.probe(connection);
            } catch (IOException e) {
                throw TargetProbe.unavailable(target, e);
            }
            checkCompatible(requirements, info);
            CountingInputStream input = new CountingInputStream(verifiedRdb);
            List<String> failures = List.of();
            long functions;
            if (options.dryRun()) {
                LoadVisitor visitor = new LoadVisitor(input, options.filter(), counters, null, null);
                new RdbParser(input).framingOnly().parse(visitor);
                functions = visitor.functions();
            } else {
                if (options.mode() == RestoreMode.FLUSH_FIRST) {
                    flush(connection, requirements.targetDbs());
                }
                // ABSTTL, IDLETIME and FREQ came with Redis 5.0 (RDB 9)
                boolean modern = info.maxRdbVersion() >= 9;
                try (SpillBuffer spill = new SpillBuffer(spillDir, spillThreshold);
                     RestorePipeline pipeline = new RestorePipeline(connection, options.window(), counters,
                             options.mode() != RestoreMode.SKIP_EXISTING, modern)) {
                    new RdbParser(input).framingOnly().parse(new LoadVisitor(input, options.filter(), counters, pipeline, spill));
                    try {
                        pipeline.finish();
                    } catch (IOException e) {
                        throw failed(connection, e);
                    }
                    failures = pipeline.failures();
                    functions = pipeline.functionsLoaded();
                }
            }
            counters.bytesRead(input.count());
            return LoadReport.of(counters, functions, Duration.ofNanos(System.nanoTime() - started), info.describe(),
                    options.dryRun(), failures);
        }
    }

    private static void flush(RedisConnection connection, Set<Integer> dbs) {
        try {
            for (int db : dbs) {
                expectOk(connection, "SELECT", Integer.toString(db));
                expectOk(connection, "FLUSHDB");
            }
            expectOk(connection, "SELECT", "0");
        } catch (IOException e) {
            throw failed(connection, e);
        }
    }

    private static void expectOk(RedisConnection connection, String... command) throws IOException {
        RedisConnection.Reply reply = connection.call(command);
        if (reply.isError()) {
            throw new RestoreRefusedException(RestoreRefusedException.Reason.TARGET_FAILED, connection.target()
                    + " refused " + command[0] + " before loading (" + reply.line() + "): nothing was restored");
        }
    }

    static RestoreRefusedException failed(RedisConnection connection, IOException e) {
        return new RestoreRefusedException(RestoreRefusedException.Reason.TARGET_FAILED,
                "the connection to " + connection.target() + " failed while loading: " + e.getMessage(), e);
    }

    private static RestoreRefusedException incompatible(String message) {
        return new RestoreRefusedException(RestoreRefusedException.Reason.TARGET_INCOMPATIBLE, message);
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
