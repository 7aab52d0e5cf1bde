package dev.caravan.rdb;

import java.io.InputStream;
import java.util.Objects;

/**
 * One key for {@link RdbWriter}: database, key, absolute expiry in ms (-1 none) and its DUMP
 * payload, either in memory or as a stream of known length (read once, when written).
 */
public final class RdbRecord {

    private final int db;
    private final byte[] key;
    private final long expireAtMs;
    private final byte[] payload;
    private final InputStream payloadStream;
    private final long payloadLength;

    private RdbRecord(int db, byte[] key, long expireAtMs, byte[] payload, InputStream stream, long length) {
        if (db < 0) {
            throw new IllegalArgumentException("negative db " + db);
        }
        if (expireAtMs < -1) {
            throw new IllegalArgumentException("expireAtMs must be -1 (none) or an absolute time, got " + expireAtMs);
        }
        this.db = db;
        this.key = Objects.requireNonNull(key, "key");
        this.expireAtMs = expireAtMs;
        this.payload = payload;
        this.payloadStream = stream;
        this.payloadLength = length;
    }

    /** A record whose payload is in memory. */
    public static RdbRecord of(int db, byte[] key, long expireAtMs, byte[] payload) {
        return new RdbRecord(db, key, expireAtMs, Objects.requireNonNull(payload, "payload"), null, payload.length);
    }

    /** A record whose payload of {@code length} bytes will be streamed from {@code payload}. */
    public static RdbRecord streamed(int db, byte[] key, long expireAtMs, InputStream payload, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative payload length " + length);
        }
        return new RdbRecord(db, key, expireAtMs, null, Objects.requireNonNull(payload, "payload"), length);
    }

    public int db() {
        return db;
    }

    public byte[] key() {
        return key;
    }

    public long expireAtMs() {
        return expireAtMs;
    }

    /** The in-memory payload, or null for a streamed one. */
    public byte[] payload() {
        return payload;
    }

    InputStream payloadStream() {
        return payloadStream;
    }

    public long payloadLength() {
        return payloadLength;
    }

    /** The RDB version in an in-memory payload's footer; -1 for a streamed or too-short payload. */
    public int payloadVersion() {
        if (payload == null || payload.length < 11) {
            return -1;
        }
        int n = payload.length;
        return (payload[n - 10] & 0xff) | (payload[n - 9] & 0xff) << 8;
    }
}
