package dev.caravan.restore;

import dev.caravan.rdb.Printable;
import dev.caravan.redis.RedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One connection carrying SELECT and RESTORE commands in order, with at most {@code window}
 * commands whose reply has not come back (and FUNCTION LOAD for the RDB's function libraries). The loading thread writes; a second thread reads the
 * replies, in order, and counts them. A bulk argument may stream from a file, so a big payload
 * takes its place in the pipeline like any other without being held in memory.
 *
 * <p>Replies: {@code BUSYKEY} is a key the target has (skip-existing); a payload the target
 * cannot read ({@code Bad data format}, {@code DUMP payload version or checksum are wrong}, an
 * unknown module type) fails that key, which is counted and named in the report; any other error
 * (out of memory, read-only replica, cluster redirection, lost permissions) stops the load with
 * {@link RestoreRefusedException.Reason#TARGET_FAILED}, since every following key would fail too.
 */
final class RestorePipeline implements AutoCloseable {

    /** Failed keys named in the report at most. */
    static final int MAX_FAILURES_LISTED = 10;

    private static final byte[] RESTORE = bytes("RESTORE");
    private static final byte[] SELECT = bytes("SELECT");
    private static final byte[] REPLACE = bytes("REPLACE");
    private static final byte[] ABSTTL = bytes("ABSTTL");
    private static final byte[] IDLETIME = bytes("IDLETIME");
    private static final byte[] FREQ = bytes("FREQ");

    private static final byte[] FUNCTION = bytes("FUNCTION");
    private static final byte[] LOAD = bytes("LOAD");

    /** What a reply answers: a RESTORE of {@code key}, a SELECT, or a FUNCTION LOAD. */
    private record Pending(byte[] key, int db) {
    }

    private static final Pending SELECTED = new Pending(null, -1);
    private static final Pending FUNCTION_LOADED = new Pending(null, -2);

    private final RedisConnection connection;
    private final int window;
    private final Semaphore free;
    private final BlockingQueue<Pending> pending;
    private final LoadCounters counters;
    private final boolean replace;
    private final boolean absoluteTtl;
    private final List<String> failures = new ArrayList<>();
    private volatile long functionsLoaded;
    private final Thread replies;
    private volatile RestoreRefusedException failure;
    private volatile boolean closing;
    private int db = 0;
    /** The RESTORE options of the command being written, sent after its payload. */
    private byte[][] pendingOptions;

    /**
     * {@code absoluteTtl}: the target knows ABSTTL, IDLETIME and FREQ (Redis 5.0+); otherwise TTLs
     * are sent relative to now and LRU/LFU data is dropped.
     */
    RestorePipeline(RedisConnection connection, int window, LoadCounters counters, boolean replace, boolean absoluteTtl) {
        this.connection = connection;
        this.window = window;
        this.free = new Semaphore(window);
        this.pending = new ArrayBlockingQueue<>(window + 1);
        this.counters = counters;
        this.replace = replace;
        this.absoluteTtl = absoluteTtl;
        this.replies = new Thread(this::readReplies, "caravan-restore-replies");
        this.replies.setDaemon(true);
        this.replies.start();
    }

    /** Sends {@code RESTORE} for a payload held in {@code payload[0..length)}. */
    void restore(int targetDb, byte[] key, long expireAtMs, long idle, int freq, byte[] payload, int length)
            throws IOException {
        begin(targetDb, key, expireAtMs, idle, freq);
        connection.bulk(payload, 0, length);
        end();
    }

    /** Sends {@code RESTORE} whose payload of {@code length} bytes streams from {@code payload}. */
    void restore(int targetDb, byte[] key, long expireAtMs, long idle, int freq, InputStream payload, long length)
            throws IOException {
        begin(targetDb, key, expireAtMs, idle, freq);
        connection.bulk(payload, length);
        end();
    }

    /**
     * Sends {@code FUNCTION LOAD [REPLACE] code} for a function library of the RDB. A library the
     * target has already is kept in skip-existing mode; a target without functions (before Redis
     * 7.0) fails the library, which the report names.
     */
    void loadFunction(byte[] code) throws IOException {
        check();
        send(FUNCTION_LOADED);
        if (replace) {
            connection.command(FUNCTION, LOAD, REPLACE, code);
        } else {
            connection.command(FUNCTION, LOAD, code);
        }
    }

    /** Function libraries loaded. */
    long functionsLoaded() {
        return functionsLoaded;
    }

    /** Waits for every reply; throws the failure that stopped the load, if any. */
    void finish() throws IOException {
        connection.flush();
        acquire(window);
        free.release(window);
        check();
    }

    /** Keys that failed, with the server's reason (the first {@value #MAX_FAILURES_LISTED}). */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    @Override
    public void close() {
        closing = true;
        connection.close();
        try {
            replies.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void begin(int targetDb, byte[] key, long expireAtMs, long idle, int freq) throws IOException {
        check();
        if (targetDb != db) {
            send(SELECTED);
            connection.command(SELECT, bytes(Integer.toString(targetDb)));
            db = targetDb;
        }
        send(new Pending(key, targetDb));
        long ttl = expireAtMs < 0 ? 0 : absoluteTtl ? expireAtMs : Math.max(1, expireAtMs - System.currentTimeMillis());
        boolean withIdle = absoluteTtl && idle >= 0;
        boolean withFreq = absoluteTtl && !withIdle && freq >= 0;
        int args = 4 + (replace ? 1 : 0) + (absoluteTtl && expireAtMs >= 0 ? 1 : 0) + (withIdle || withFreq ? 2 : 0);
        connection.arrayHeader(args);
        connection.bulk(RESTORE, 0, RESTORE.length);
        connection.bulk(key, 0, key.length);
        byte[] ttlBytes = bytes(Long.toString(ttl));
        connection.bulk(ttlBytes, 0, ttlBytes.length);
        // the payload follows, then the options (Redis reads options after the payload)
        pendingOptions = new byte[args - 4][];
        int i = 0;
        if (replace) {
            pendingOptions[i++] = REPLACE;
        }
        if (absoluteTtl && expireAtMs >= 0) {
            pendingOptions[i++] = ABSTTL;
        }
        if (withIdle) {
            pendingOptions[i++] = IDLETIME;
            pendingOptions[i] = bytes(Long.toString(idle));
        } else if (withFreq) {
            pendingOptions[i++] = FREQ;
            pendingOptions[i] = bytes(Integer.toString(freq));
        }
    }

    private void end() throws IOException {
        for (byte[] option : pendingOptions) {
            connection.bulk(option, 0, option.length);
        }
        pendingOptions = null;
    }

    /**
     * Takes a slot of the window. When the window is full, sends what is buffered and waits until
     * a quarter of the window is free again: waiting for one slot at a time would send one
     * command per write from then on.
     */
    private void send(Pending what) throws IOException {
        if (!free.tryAcquire()) {
            connection.flush();
            int batch = Math.max(1, window / 4);
            acquire(batch);
            free.release(batch - 1);
        }
        pending.add(what);
    }

    private void acquire(int permits) {
        try {
            while (!free.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestoreRefusedException(RestoreRefusedException.Reason.TARGET_FAILED,
                    "the load into " + connection.target() + " was interrupted", e);
        }
    }

    private void check() {
        RestoreRefusedException f = failure;
        if (f != null) {
            throw f;
        }
    }

    /**
     * Reads replies in order. After a failure that stops the load it keeps reading (without
     * counting), so the server never waits on a full socket while the writer has yet to notice.
     */
    private void readReplies() {
        try {
            while (true) {
                RedisConnection.Reply reply = connection.read();
                Pending what = pending.remove();
                if (failure == null) {
                    account(what, reply);
                }
                free.release();
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                stop("the connection failed while loading: " + e.getMessage(), e);
            }
        }
    }

    private void account(Pending what, RedisConnection.Reply reply) {
        if (what == SELECTED) {
            if (reply.isError()) {
                stop("SELECT refused: " + reply.line(), null);
            }
        } else if (what == FUNCTION_LOADED) {
            if (!reply.isError()) {
                functionsLoaded++;
            } else if (!reply.line().contains("already exists")) {
                fail("function library: " + reply.line());
            }
        } else if (!reply.isError()) {
            counters.restored(what.db);
        } else if (reply.line().startsWith("BUSYKEY")) {
            counters.skippedExisting(what.db);
        } else if (keyOnly(reply.line())) {
            counters.failed(what.db);
            fail("db " + what.db + " key " + Printable.quoted(what.key, 64) + ": " + reply.line());
        } else {
            stop("RESTORE of " + Printable.quoted(what.key, 64) + " in db " + what.db + " was refused: "
                    + reply.line(), null);
        }
    }

    private void fail(String what) {
        synchronized (failures) {
            if (failures.size() < MAX_FAILURES_LISTED) {
                failures.add(what);
            }
        }
    }

    private static boolean keyOnly(String error) {
        return error.startsWith("ERR Bad data format") || error.contains("DUMP payload version or checksum are wrong")
                || error.contains("module");
    }

    private void stop(String why, Throwable cause) {
        failure = new RestoreRefusedException(RestoreRefusedException.Reason.TARGET_FAILED,
                "the restore into " + connection.target() + " stopped: " + why
                        + "; keys sent before this point are in the target", cause);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
