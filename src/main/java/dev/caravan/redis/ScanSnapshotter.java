package dev.caravan.redis;

import dev.caravan.archive.BoundedPipe;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.DefaultClientResources;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * Takes a snapshot of a Redis server that forbids replication (managed services): SCAN every
 * database that {@code INFO keyspace} lists, {@code PTTL} and {@code DUMP} each key, pipelined
 * over one Lettuce connection, and write the payloads as an RDB ({@link dev.caravan.rdb.RdbWriter})
 * into a bounded pipe that the backup's one pass reads like a replica's snapshot.
 *
 * <p>Not a point in time: each key is read when the scan reaches it. A key that SCAN returned but
 * is gone by its PTTL or DUMP is skipped and counted as vanished; one that SCAN returns twice is
 * written once. The user needs {@code +info +scan +pttl +dump}, and {@code +select} for databases
 * other than 0.
 *
 * <p>Memory: the pipe holds {@value #PIPE_CHUNKS} chunks of {@value #PIPE_CHUNK} bytes, at most
 * {@code window} keys are in flight, and the keys written are remembered as 64-bit hashes, 10 to
 * 15 bytes a key ({@link SeenKeys}). A DUMP reply comes back whole in Lettuce: a key whose DUMP is
 * 100 MB occupies about that much heap (twice, briefly, while Lettuce copies it out of its buffer)
 * until it is written.
 */
public final class ScanSnapshotter {

    /** Keys asked per SCAN call. */
    public static final int DEFAULT_COUNT = 1000;
    /** Keys whose PTTL and DUMP may be in flight at once. */
    public static final int DEFAULT_WINDOW = 256;
    static final int PIPE_CHUNKS = 16;
    static final int PIPE_CHUNK = 64 * 1024;

    private final PullOptions options;
    private final int count;
    private final int window;
    private final BiConsumer<Integer, List<byte[]>> afterScan;

    public ScanSnapshotter(PullOptions options, int count, int window) {
        this(options, count, window, (db, keys) -> { });
    }

    public ScanSnapshotter() {
        this(PullOptions.defaults(), DEFAULT_COUNT, DEFAULT_WINDOW);
    }

    /**
     * @param afterScan called with each page of keys SCAN returns, before their PTTL and DUMP are
     *                  sent: tests change the dataset there to see keys vanish
     */
    ScanSnapshotter(PullOptions options, int count, int window, BiConsumer<Integer, List<byte[]>> afterScan) {
        if (count < 1 || window < 1) {
            throw new IllegalArgumentException("count and window must be positive, got " + count + " and " + window);
        }
        this.options = Objects.requireNonNull(options, "options");
        this.count = count;
        this.window = window;
        this.afterScan = afterScan;
    }

    /**
     * Connects, logs in and reads {@code INFO server} and {@code INFO keyspace}, then starts the
     * scan in a thread of its own; the caller reads {@link ScanSnapshot#payload()} and closes it.
     */
    public ScanSnapshot scan(RedisUri uri) throws SnapshotException {
        if (new InetSocketAddress(uri.host(), uri.port()).isUnresolved()) {
            throw new SnapshotException(SnapshotException.Kind.UNKNOWN_HOST, "unknown host '" + uri.host() + "' in "
                    + uri + ": check the host name and DNS");
        }
        ScanErrors errors = new ScanErrors(uri, options);
        // One I/O thread is enough for one connection; no per-command latency histograms (Lettuce
        // records them whenever LatencyUtils is on the class path, as it is here).
        RedisClient client = RedisClient.create(DefaultClientResources.builder().ioThreadPoolSize(1)
                .computationThreadPoolSize(1).commandLatencyRecorder(CommandLatencyRecorder.disabled()).build());
        StatefulRedisConnection<byte[], byte[]> connection = null;
        try {
            client.setOptions(clientOptions(uri));
            connection = connect(client, uri, errors);
            long asked = System.currentTimeMillis();
            Map<String, String> server = fields(infoSection(connection, errors, "server"));
            long clockOffset = clockOffset(server, asked, System.currentTimeMillis());
            List<ScanProducer.Db> dbs = keyspace(infoSection(connection, errors, "keyspace"));
            String version = server.getOrDefault("redis_version", "0");
            BoundedPipe pipe = new BoundedPipe(PIPE_CHUNKS, PIPE_CHUNK);
            ScanProducer producer = new ScanProducer(client, connection, errors, dbs, count, window, clockOffset,
                    version, rdbVersionOf(version), options.readIdleTimeout().toMillis(), pipe, afterScan);
            ScanSnapshot snapshot = new ScanSnapshot(uri, version, producer, pipe);
            snapshot.start();
            return snapshot;
        } catch (SnapshotException | RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            ScanProducer.shutdown(client);
            throw e;
        }
    }

    /**
     * Connects and logs in. A password for a server that has none is accepted, as redis-cli and
     * the replication client do; a handshake whose reason Lettuce lost is tried once more.
     */
    private StatefulRedisConnection<byte[], byte[]> connect(RedisClient client, RedisUri uri,
            ScanErrors errors) throws SnapshotException {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.connect(ByteArrayCodec.INSTANCE, lettuceUri(uri, true));
            } catch (RuntimeException e) {
                if (ScanErrors.noPasswordConfigured(e)) {
                    try {
                        return client.connect(ByteArrayCodec.INSTANCE, lettuceUri(uri, false));
                    } catch (RuntimeException again) {
                        throw errors.connecting(again);
                    }
                }
                if (attempt == 2 || !ScanErrors.handshakeLost(e)) {
                    throw errors.connecting(e);
                }
            }
        }
    }

    private RedisURI lettuceUri(RedisUri uri, boolean credentials) {
        RedisURI.Builder builder = RedisURI.builder().withHost(uri.host()).withPort(uri.port())
                .withTimeout(options.headerTimeout())
                .withLibraryName("caravan");
        if (uri.tls()) {
            builder.withSsl(true).withVerifyPeer(options.tls().insecure() ? SslVerifyMode.NONE : SslVerifyMode.FULL);
        }
        char[] password = credentials ? uri.passwordCopy() : null;
        if (password != null) {
            // AUTH PASSWORD without a user, as servers before Redis 6 know it only in that form.
            if (uri.user().isPresent()) {
                builder.withAuthentication(uri.user().get(), password);
            } else {
                builder.withPassword(password);
            }
            java.util.Arrays.fill(password, '\0');
        }
        return builder.build();
    }

    /**
     * RESP2, as the replication client speaks; no PING before the first command and no reconnect,
     * so a user without {@code +ping} works and a dropped connection fails the backup instead of
     * being replayed on a new one.
     */
    private ClientOptions clientOptions(RedisUri uri) throws SnapshotException {
        ClientOptions.Builder builder = ClientOptions.builder()
                .protocolVersion(ProtocolVersion.RESP2)
                .pingBeforeActivateConnection(false)
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .socketOptions(SocketOptions.builder().connectTimeout(options.connectTimeout()).keepAlive(true)
                        .tcpNoDelay(true).build());
        if (uri.tls()) {
            builder.sslOptions(sslOptions(options.tls(), options.connectTimeout()));
        }
        return builder.build();
    }

    /** The trust and key material the replication client uses, handed to Netty's TLS. */
    private static SslOptions sslOptions(TlsOptions tls, Duration handshakeTimeout) throws SnapshotException {
        try {
            TrustManager[] trust = TlsSockets.trustManagers(tls);
            KeyManager[] keys = TlsSockets.keyManagers(tls);
            return SslOptions.builder().jdkSslProvider().handshakeTimeout(handshakeTimeout).sslContext(context -> {
                if (trust != null && trust.length > 0 && !tls.insecure()) {
                    context.trustManager(trust[0]);
                }
                if (keys != null && keys.length > 0) {
                    context.keyManager(keys[0]);
                }
            }).build();
        } catch (GeneralSecurityException e) {
            throw new SnapshotException(SnapshotException.Kind.CONFIGURATION, "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static String infoSection(StatefulRedisConnection<byte[], byte[]> connection, ScanErrors errors,
            String section) throws SnapshotException {
        try {
            return connection.sync().info(section);
        } catch (RuntimeException e) {
            throw errors.command("INFO " + section, e);
        }
    }

    static Map<String, String> fields(String info) {
        Map<String, String> fields = new TreeMap<>();
        info.lines().forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        });
        return fields;
    }

    /** The dbs in {@code INFO keyspace} ({@code db0:keys=3,expires=1,avg_ttl=0}), in order. */
    static List<ScanProducer.Db> keyspace(String info) {
        List<ScanProducer.Db> dbs = new ArrayList<>();
        fields(info).forEach((name, value) -> {
            if (name.startsWith("db")) {
                Map<String, Long> counts = new TreeMap<>();
                for (String part : value.split(",")) {
                    int eq = part.indexOf('=');
                    if (eq > 0) {
                        try {
                            counts.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
                        } catch (NumberFormatException ignored) {
                            // a field this client does not use
                        }
                    }
                }
                dbs.add(new ScanProducer.Db(Integer.parseInt(name.substring(2)), counts.getOrDefault("keys", 0L),
                        counts.getOrDefault("expires", 0L)));
            }
        });
        dbs.sort(java.util.Comparator.comparingInt(ScanProducer.Db::db));
        return dbs;
    }

    /**
     * Server clock minus local clock, from {@code server_time_usec} (Redis 7+), so that a key's
     * absolute expiry is the server's: PTTL is relative to the server's clock. 0 when unknown.
     */
    static long clockOffset(Map<String, String> server, long before, long after) {
        String usec = server.get("server_time_usec");
        if (usec == null) {
            return 0;
        }
        try {
            return Long.parseLong(usec) / 1000 - (before + after) / 2;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The RDB version a server of that version writes (from Redis's rdb.h); for an empty dataset's header. */
    static int rdbVersionOf(String redisVersion) {
        String[] parts = redisVersion.split("\\.");
        int major;
        int minor;
        try {
            major = Integer.parseInt(parts[0]);
            minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return dev.caravan.rdb.RdbWriter.DEFAULT_MIN_VERSION;
        }
        if (major >= 8 || (major == 7 && minor >= 4)) {
            return 12;
        }
        if (major == 7) {
            return minor >= 2 ? 11 : 10;
        }
        if (major >= 5) {
            return 9;
        }
        if (major == 4) {
            return 8;
        }
        return major == 3 && minor >= 2 ? 7 : 6;
    }
}
