package dev.caravan.restore;

import dev.caravan.redis.RespWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a load as commands, in order: SELECT when the database changes, {@code RESTORE key ttl
 * payload [REPLACE] [ABSTTL] [IDLETIME s | FREQ f]} per key, and {@code FUNCTION LOAD [REPLACE]}
 * per function library. Before each command it tells its {@link Ledger} what the reply will
 * answer, so that replies can be matched to keys whoever reads them: a live pipeline's reader
 * thread, or a replay of commands prepared in a file.
 */
final class RestoreCommands {

    /** What a reply answers: a RESTORE of {@code key} into {@code db}, a SELECT, or a FUNCTION LOAD. */
    record Pending(byte[] key, int db) {
    }

    static final Pending SELECTED = new Pending(null, -1);
    static final Pending FUNCTION_LOADED = new Pending(null, -2);

    /** Learns of each command before it is written. */
    interface Ledger {
        void expect(Pending what) throws IOException;
    }

    private static final byte[] RESTORE = bytes("RESTORE");
    private static final byte[] SELECT = bytes("SELECT");
    private static final byte[] REPLACE = bytes("REPLACE");
    private static final byte[] ABSTTL = bytes("ABSTTL");
    private static final byte[] IDLETIME = bytes("IDLETIME");
    private static final byte[] FREQ = bytes("FREQ");
    private static final byte[] FUNCTION = bytes("FUNCTION");
    private static final byte[] LOAD = bytes("LOAD");

    private final RespWriter out;
    private final Ledger ledger;
    private final boolean replace;
    private final boolean absoluteTtl;
    /** The connection starts on database 0. */
    private int db = 0;
    /** The RESTORE options of the command being written, sent after its payload. */
    private byte[][] pendingOptions;

    /**
     * {@code replace}: RESTORE with REPLACE (otherwise an existing key answers BUSYKEY);
     * {@code absoluteTtl}: the target knows ABSTTL, IDLETIME and FREQ (Redis 5.0+), otherwise
     * TTLs are sent relative to now and LRU/LFU data is dropped.
     */
    RestoreCommands(RespWriter out, Ledger ledger, boolean replace, boolean absoluteTtl) {
        this.out = out;
        this.ledger = ledger;
        this.replace = replace;
        this.absoluteTtl = absoluteTtl;
    }

    /** {@code RESTORE} of a payload held in {@code payload[0..length)}. */
    void restore(int targetDb, byte[] key, long expireAtMs, long idle, int freq, byte[] payload, int length)
            throws IOException {
        begin(targetDb, key, expireAtMs, idle, freq);
        out.bulk(payload, 0, length);
        end();
    }

    /** {@code RESTORE} whose payload of {@code length} bytes streams from {@code payload}. */
    void restore(int targetDb, byte[] key, long expireAtMs, long idle, int freq, InputStream payload, long length)
            throws IOException {
        begin(targetDb, key, expireAtMs, idle, freq);
        out.bulk(payload, length);
        end();
    }

    /**
     * {@code FUNCTION LOAD [REPLACE] code} for a function library of the RDB. A library the target
     * has already is kept in skip-existing mode; a target without functions (before Redis 7.0)
     * fails the library, which the report names.
     */
    void loadFunction(byte[] code) throws IOException {
        ledger.expect(FUNCTION_LOADED);
        if (replace) {
            out.command(FUNCTION, LOAD, REPLACE, code);
        } else {
            out.command(FUNCTION, LOAD, code);
        }
    }

    private void begin(int targetDb, byte[] key, long expireAtMs, long idle, int freq) throws IOException {
        if (targetDb != db) {
            ledger.expect(SELECTED);
            out.command(SELECT, bytes(Integer.toString(targetDb)));
            db = targetDb;
        }
        ledger.expect(new Pending(key, targetDb));
        long ttl = expireAtMs < 0 ? 0 : absoluteTtl ? expireAtMs : Math.max(1, expireAtMs - System.currentTimeMillis());
        boolean withIdle = absoluteTtl && idle >= 0;
        boolean withFreq = absoluteTtl && !withIdle && freq >= 0;
        int args = 4 + (replace ? 1 : 0) + (absoluteTtl && expireAtMs >= 0 ? 1 : 0) + (withIdle || withFreq ? 2 : 0);
        out.arrayHeader(args);
        out.bulk(RESTORE, 0, RESTORE.length);
        out.bulk(key, 0, key.length);
        byte[] ttlBytes = bytes(Long.toString(ttl));
        out.bulk(ttlBytes, 0, ttlBytes.length);
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
            out.bulk(option, 0, option.length);
        }
        pendingOptions = null;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
