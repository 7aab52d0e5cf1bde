package dev.caravan.restore;

import dev.caravan.redis.PullOptions;
import dev.caravan.redis.RedisConnection;
import dev.caravan.redis.RedisUri;
import dev.caravan.redis.SnapshotException;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Asks a restore target what it is ({@code INFO server}), how big a bulk argument it takes
 * ({@code CONFIG GET proto-max-bulk-len}, which managed services may refuse: Redis's default of
 * 512 MB is then assumed) and how many databases it has ({@code CONFIG GET databases}, or
 * {@code SELECT} probing when CONFIG is refused). An unreachable target, or one that refuses the
 * credentials, is refused with {@link RestoreRefusedException.Reason#TARGET_UNAVAILABLE}.
 */
public final class TargetProbe {

    private final PullOptions options;

    /** {@code options}: connect and reply time-outs, TLS settings for {@code rediss://}. */
    public TargetProbe(PullOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public TargetProbe() {
        this(PullOptions.defaults());
    }

    public TargetInfo probe(RedisUri target) {
        try (RedisConnection connection = connect(target, options)) {
            return probe(connection);
        } catch (IOException e) {
            throw unavailable(target, e);
        }
    }

    /** Probes over an open connection (left on database 0). */
    static TargetInfo probe(RedisConnection connection) throws IOException {
        RedisConnection.Reply info = connection.call("INFO", "server");
        if (info.isError() && info.line().startsWith("NOAUTH")) {
            throw new IOException(connection.target() + " requires a password: put it in the URI"
                    + " (redis://:PASSWORD@host:port, or redis://USER:PASSWORD@host:port for an ACL user)");
        }
        if (info.isError()) {
            throw new IOException(connection.target() + " refused INFO (" + info.line().split(" ", 2)[0]
                    + "): the user needs INFO, CONFIG GET (or SELECT), SELECT, RESTORE and FLUSHDB for flush-first");
        }
        String text = info.text();
        String server = field(text, "server_name");
        String version;
        if ("valkey".equalsIgnoreCase(server)) {
            version = field(text, "valkey_version");
        } else {
            server = "redis";
            version = field(text, "redis_version");
        }
        if (version == null) {
            throw new IOException(connection.target() + " did not report its version in INFO server: is it Redis?");
        }
        long bulk = TargetInfo.DEFAULT_PROTO_MAX_BULK_LEN;
        boolean assumed = true;
        String configured = configGet(connection, "proto-max-bulk-len");
        if (configured != null) {
            bulk = Long.parseLong(configured);
            assumed = false;
        }
        String databases = configGet(connection, "databases");
        int dbs = databases != null ? Integer.parseInt(databases) : probeDatabases(connection);
        return new TargetInfo(server, version, maxRdbVersion(server, version), bulk, assumed, dbs);
    }

    /**
     * The highest RDB version whose DUMP payloads the server's RESTORE accepts. Redis: after the
     * table of redis/librdb {@code src/redisver.h} (2.6/2.8: 6, 3.2: 7, 4.0: 8, 5.0-6.2: 9,
     * 7.0: 10, 7.2: 11, 7.4-8.4: 12, 8.6: 13). Valkey: {@code RDB_VERSION_MAP} of valkey-io/valkey
     * {@code src/rdb.h} (7.2-8.x: 11, 9.0: 80, 9.2: 81). A newer server than the table knows is
     * taken to load what the newest known one does.
     */
    public static int maxRdbVersion(String server, String version) {
        int[] v = parse(version);
        int at = v[0] * 100 + v[1];
        if ("valkey".equalsIgnoreCase(server)) {
            return at >= 902 ? 81 : at >= 900 ? 80 : 11;
        }
        if (at >= 806) {
            return 13;
        }
        if (at >= 704) {
            return 12;
        }
        if (at >= 702) {
            return 11;
        }
        if (at >= 700) {
            return 10;
        }
        if (at >= 500) {
            return 9;
        }
        if (at >= 400) {
            return 8;
        }
        if (at >= 302) {
            return 7;
        }
        return at >= 206 ? 6 : 5;
    }

    static RedisConnection connect(RedisUri target, PullOptions options) {
        try {
            return RedisConnection.open(target, options);
        } catch (SnapshotException e) {
            throw unavailable(target, e);
        }
    }

    static RestoreRefusedException unavailable(RedisUri target, IOException e) {
        String message = e instanceof SnapshotException ? e.getMessage()
                : "the restore target " + target.redacted() + " cannot be used: " + e.getMessage();
        return new RestoreRefusedException(RestoreRefusedException.Reason.TARGET_UNAVAILABLE, message, e);
    }

    private static int[] parse(String version) {
        String[] parts = version.split("\\.");
        try {
            return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read the server version \"" + version + "\"");
        }
    }

    private static String configGet(RedisConnection connection, String name) throws IOException {
        RedisConnection.Reply reply = connection.call("CONFIG", "GET", name);
        if (reply.isError() || reply.elements() == null || reply.elements().size() < 2) {
            return null;
        }
        return reply.elements().get(1).text();
    }

    /** Without CONFIG: the first database SELECT refuses, by bisection (up to 2^20). */
    private static int probeDatabases(RedisConnection connection) throws IOException {
        if (!selects(connection, 0)) {
            return 1;
        }
        int ok = 0;
        int bad = 1 << 20;
        while (bad - ok > 1) {
            int mid = (ok + bad) >>> 1;
            if (selects(connection, mid)) {
                ok = mid;
            } else {
                bad = mid;
            }
        }
        connection.call("SELECT", "0");
        return ok + 1;
    }

    private static boolean selects(RedisConnection connection, int db) throws IOException {
        return !connection.call("SELECT", Integer.toString(db)).isError();
    }

    private static String field(String info, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
        return null;
    }
}
