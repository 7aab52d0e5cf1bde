package dev.caravan.redis;

import dev.caravan.archive.BoundedPipe;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import dev.caravan.rdb.RdbFormatException;
import dev.caravan.rdb.RdbRecord;
import dev.caravan.rdb.RdbWriter;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * The scan itself, in its own thread: database by database, SCAN pages of keys, PTTL and DUMP for
 * each key with at most {@code window} keys in flight (the next SCAN page is asked for before the
 * current page's keys, so the server always has work), each answer written as an RDB record into
 * the pipe as soon as it is the oldest. Ends the pipe with the RDB's end or with the error.
 */
final class ScanProducer implements Runnable {

    /** A database as {@code INFO keyspace} lists it: its keys and expiring keys are the RESIZEDB hint. */
    record Db(int db, long keys, long expires) {
    }

    private record Pending(int db, byte[] key, long sentAtMillis, RedisFuture<Long> pttl, RedisFuture<byte[]> dump) {
    }

    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisAsyncCommands<byte[], byte[]> commands;
    private final ScanErrors errors;
    private final List<Db> dbs;
    private final ScanArgs args;
    private final int window;
    private final long clockOffset;
    private final String redisVersion;
    private final int defaultRdbVersion;
    private final long timeoutMillis;
    private final BoundedPipe pipe;
    private final BiConsumer<Integer, List<byte[]>> afterScan;
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private final SeenKeys seen = new SeenKeys();

    private RdbWriter writer;
    private int writtenDb = -1;
    private int selectedDb;
    private boolean unflushed;
    private volatile long keys;
    private volatile long vanished;
    private volatile long repeats;
    private volatile int rdbVersion;

    ScanProducer(RedisClient client, StatefulRedisConnection<byte[], byte[]> connection, ScanErrors errors,
            List<Db> dbs, int count, int window, long clockOffset, String redisVersion, int defaultRdbVersion,
            long timeoutMillis, BoundedPipe pipe, BiConsumer<Integer, List<byte[]>> afterScan) {
        this.client = client;
        this.connection = connection;
        this.commands = connection.async();
        this.errors = errors;
        this.dbs = List.copyOf(dbs);
        this.args = ScanArgs.Builder.limit(count);
        this.window = window;
        this.clockOffset = clockOffset;
        this.redisVersion = redisVersion;
        this.defaultRdbVersion = defaultRdbVersion;
        this.timeoutMillis = timeoutMillis;
        this.pipe = pipe;
        this.afterScan = afterScan;
    }

    @Override
    public void run() {
        try {
            connection.setAutoFlushCommands(false);
            for (Db db : dbs) {
                scan(db);
            }
            if (writer == null) {
                open(defaultRdbVersion);
            }
            writer.finish();
            pipe.finish();
        } catch (Throwable e) {
            pipe.fail(errors.during("the scan", e));
        } finally {
            // A reader that stopped early interrupts this thread; closing must still finish.
            Thread.interrupted();
            try {
                connection.close();
            } finally {
                shutdown(client);
            }
        }
    }

    private void scan(Db db) throws IOException {
        if (db.db() != selectedDb) {
            unflushed = true;
            await(commands.select(db.db()), "SELECT " + db.db());
            selectedDb = db.db();
        }
        seen.clear();
        RedisFuture<KeyScanCursor<byte[]>> page = commands.scan(args);
        unflushed = true;
        while (page != null) {
            KeyScanCursor<byte[]> cursor = await(page, "SCAN");
            page = cursor.isFinished() ? null : commands.scan(ScanCursor.of(cursor.getCursor()), args);
            unflushed |= page != null;
            afterScan.accept(db.db(), cursor.getKeys());
            for (byte[] key : cursor.getKeys()) {
                if (!seen.add(key)) {
                    repeats++;
                    continue;
                }
                while (inFlight.size() >= window) {
                    write(inFlight.poll(), db);
                }
                inFlight.add(new Pending(db.db(), key, System.currentTimeMillis(), commands.pttl(key),
                        commands.dump(key)));
                unflushed = true;
            }
        }
        while (!inFlight.isEmpty()) {
            write(inFlight.poll(), db);
        }
    }

    private void write(Pending p, Db db) throws IOException {
        Long ttl = await(p.pttl(), "PTTL");
        byte[] dump = await(p.dump(), "DUMP");
        if (ttl == null || ttl == -2 || dump == null) {
            vanished++;
            return;
        }
        // PTTL counts from the server's clock when it ran, at the earliest when it was sent.
        long expireAt = ttl >= 0 ? Math.max(0, p.sentAtMillis() + clockOffset + ttl) : -1;
        RdbRecord record = RdbRecord.of(p.db(), p.key(), expireAt, dump);
        if (writer == null) {
            open(headerVersion(record));
        }
        if (writtenDb != p.db()) {
            writer.selectDb(p.db(), db.keys(), db.expires());
            writtenDb = p.db();
        }
        try {
            writer.write(record);
        } catch (RdbFormatException e) {
            throw new SnapshotException(SnapshotException.Kind.PROTOCOL, "the DUMP of a key in db " + p.db()
                    + " cannot go into the RDB: " + e.getMessage(), e);
        }
        keys++;
    }

    /**
     * The header's version is the newer of the server's and the first payload's (every DUMP of a
     * server carries the same version), so every payload fits; one this writer cannot hold stops the
     * backup with the reason.
     */
    private int headerVersion(RdbRecord first) throws SnapshotException {
        int payload = first.payloadVersion();
        if ((payload > 12 && payload != 80) || payload < 1) {
            throw new SnapshotException(SnapshotException.Kind.PROTOCOL, "DUMP payloads of RDB version " + payload
                    + " are newer than this Caravan writes (REDIS 1-12, VALKEY 80): back this server up with"
                    + " mode=sync, or use a newer Caravan");
        }
        return Math.max(payload, Math.min(defaultRdbVersion, 12));
    }

    private void open(int version) throws IOException {
        writer = new RdbWriter(pipe.sink(), version);
        rdbVersion = version;
        if (version >= 7) {
            writer.aux("redis-ver", redisVersion);
            writer.aux("redis-bits", "64");
            writer.aux("ctime", Long.toString(System.currentTimeMillis() / 1000));
        }
    }

    /** Waits for a reply, sending what is queued first. */
    private <T> T await(Future<T> reply, String command) throws SnapshotException {
        send();
        try {
            return reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException(SnapshotException.Kind.IO, "the scan was interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw errors.command(command, e);
        }
    }

    private void send() {
        if (unflushed) {
            connection.flushCommands();
            unflushed = false;
        }
    }

    long keys() {
        return keys;
    }

    long vanished() {
        return vanished;
    }

    long repeats() {
        return repeats;
    }

    int rdbVersion() {
        return rdbVersion;
    }

    /** Closes the client and its own threads without the default quiet period. */
    static void shutdown(RedisClient client) {
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            client.getResources().shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            // the snapshot's outcome is decided; leftover client threads end with the JVM
        }
    }
}
