package dev.caravan.rdb;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles a valid RDB stream from DUMP payloads: header, optional aux fields, SELECTDB (and
 * RESIZEDB when sizes are known), EXPIRETIME_MS, then per key the type byte, the key and the
 * payload body; EOF and CRC-64 on {@link #finish()}. Each payload's footer is checked first (CRC-64
 * and an RDB version the file's version can hold); payloads may stream from an InputStream of
 * known length, so nothing big is held in memory. The underlying stream is flushed, not closed.
 */
public final class RdbWriter implements Closeable {

    /** Lowest version {@link #writeAll} picks: Redis 5+ (RDB 9) loads everything older. */
    public static final int DEFAULT_MIN_VERSION = 9;
    private static final int FOOTER = 10;

    private final OutputStream out;
    private final int version;
    private final boolean valkey;
    private final byte[] buf = new byte[RdbInput.BUFFER_SIZE];
    private int len;
    private long crc;
    private long written;
    private int db = -1;
    private boolean finished;

    /** Starts a file of the given RDB version (REDIS 1-12, or 80 for VALKEY) and writes its header. */
    public RdbWriter(OutputStream out, int version) throws IOException {
        if (!(version >= 1 && version <= 12) && version != 80) {
            throw new IllegalArgumentException("unsupported RDB version " + version + " (REDIS 1-12, VALKEY 80)");
        }
        this.out = out;
        this.version = version;
        this.valkey = version >= 80;
        byte[] header = (valkey ? String.format("VALKEY%03d", version) : String.format("REDIS%04d", version))
                .getBytes(StandardCharsets.US_ASCII);
        put(header, 0, header.length);
    }

    /**
     * Writes a whole file: version = the highest any in-memory payload needs, at least
     * {@link #DEFAULT_MIN_VERSION}; RESIZEDB hints from the records. Returns the bytes written.
     */
    public static long writeAll(OutputStream out, List<RdbRecord> records, Map<String, String> aux) throws IOException {
        int version = DEFAULT_MIN_VERSION;
        for (RdbRecord r : records) {
            version = Math.max(version, r.payloadVersion());
        }
        Map<Integer, long[]> sizes = new TreeMap<>();
        for (RdbRecord r : records) {
            long[] s = sizes.computeIfAbsent(r.db(), d -> new long[2]);
            s[0]++;
            s[1] += r.expireAtMs() == -1 ? 0 : 1;
        }
        RdbWriter w = new RdbWriter(out, version);
        for (Map.Entry<String, String> e : aux.entrySet()) {
            w.aux(e.getKey(), e.getValue());
        }
        for (RdbRecord r : records) {
            if (r.db() != w.db) {
                long[] s = sizes.get(r.db());
                w.selectDb(r.db(), s[0], s[1]);
            }
            w.write(r);
        }
        return w.finish();
    }

    public int version() {
        return version;
    }

    /** Writes an aux field (RDB 7+). */
    public void aux(String key, String value) throws IOException {
        requireVersion(7, "aux fields");
        put(0xFA);
        string(key.getBytes(StandardCharsets.UTF_8));
        string(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a function library (FUNCTION2 record, RDB 10+): its source code, as FUNCTION DUMP holds it. */
    public void function(byte[] code) throws IOException {
        requireVersion(10, "function libraries");
        put(0xF5);
        string(code);
    }

    /** Switches database and, on RDB 7+, writes the RESIZEDB hint. */
    public void selectDb(int db, long keys, long expiringKeys) throws IOException {
        select(db);
        if (version >= 7) {
            put(0xFB);
            length(keys);
            length(expiringKeys);
        }
    }

    private void select(int db) throws IOException {
        put(0xFE);
        length(db);
        this.db = db;
    }

    /** Writes one key after checking its payload footer. */
    public void write(RdbRecord r) throws IOException {
        if (finished) {
            throw new IllegalStateException("the RDB was finished");
        }
        if (r.payloadLength() < FOOTER + 1) {
            throw payloadError(r, 0, "expected a DUMP payload of at least 11 bytes, found " + r.payloadLength());
        }
        if (r.db() != db) {
            select(r.db());
        }
        if (r.expireAtMs() != -1) {
            requireVersion(3, "millisecond expiry");
            put(0xFC);
            for (int i = 0; i < 8; i++) {
                put((int) (r.expireAtMs() >>> (8 * i)) & 0xff);
            }
        }
        if (r.payload() != null) {
            byte[] p = r.payload();
            checkType(r, p[0] & 0xff);
            checkFooter(r, Crc64.update(0, p, 0, p.length - 8), p, p.length - FOOTER);
            put(p[0] & 0xff);
            string(r.key());
            put(p, 1, p.length - 1 - FOOTER);
        } else {
            streamPayload(r);
        }
    }

    private void streamPayload(RdbRecord r) throws IOException {
        InputStream in = r.payloadStream();
        int type = in.read();
        if (type < 0) {
            throw payloadError(r, 0, "expected a payload type byte, found end of stream");
        }
        checkType(r, type);
        put(type);
        string(r.key());
        long payloadCrc = Crc64.update(0, type);
        long body = r.payloadLength() - 1 - FOOTER;
        byte[] chunk = new byte[(int) Math.min(body, Strings.ALLOC_CHUNK)];
        while (body > 0) {
            int n = in.read(chunk, 0, (int) Math.min(body, chunk.length));
            if (n < 0) {
                throw payloadError(r, r.payloadLength() - FOOTER - body, "payload stream ended " + body + " bytes early");
            }
            payloadCrc = Crc64.update(payloadCrc, chunk, 0, n);
            put(chunk, 0, n);
            body -= n;
        }
        byte[] footer = in.readNBytes(FOOTER);
        if (footer.length != FOOTER) {
            throw payloadError(r, r.payloadLength() - FOOTER, "payload stream ended inside the footer");
        }
        checkFooter(r, Crc64.update(payloadCrc, footer, 0, 2), footer, 0);
    }

    private void checkType(RdbRecord r, int type) throws RdbFormatException {
        if (RdbType.of(type, valkey) == null) {
            throw payloadError(r, 0, "expected a value type byte for " + (valkey ? "VALKEY" : "REDIS")
                    + " RDB " + version + ", found 0x" + Strings.hex(type));
        }
    }

    /** Footer at {@code at}: u16-le version, u64-le CRC over everything before the CRC. */
    private void checkFooter(RdbRecord r, long computed, byte[] b, int at) throws RdbFormatException {
        int payloadVersion = (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
        long stored = 0;
        for (int i = 7; i >= 0; i--) {
            stored = (stored << 8) | (b[at + 2 + i] & 0xff);
        }
        long offset = r.payloadLength() - 8;
        if (stored != computed) {
            throw payloadError(r, offset, String.format("expected payload CRC-64 0x%016x, found 0x%016x", computed, stored));
        }
        boolean foreign = valkey ? payloadVersion > 11 && payloadVersion < 80 : payloadVersion > 12;
        if (payloadVersion > version || foreign) {
            throw payloadError(r, offset - 2, "payload needs RDB version " + payloadVersion
                    + ", which a " + (valkey ? "VALKEY" : "REDIS") + " RDB " + version + " file cannot hold");
        }
    }

    private static RdbFormatException payloadError(RdbRecord r, long offset, String what) {
        return RdbFormatException.at(offset, r.db(), r.key(), "DUMP payload: " + what);
    }

    private void requireVersion(int min, String what) {
        if (version < min) {
            throw new IllegalStateException(what + " need RDB version " + min + "+, this file is RDB " + version);
        }
    }

    /** Writes EOF and the CRC-64 (RDB 5+), flushes; returns the total bytes written. */
    public long finish() throws IOException {
        if (!finished) {
            finished = true;
            put(0xFF);
            drain();
            if (version >= 5) {
                long c = crc;
                for (int i = 0; i < 8; i++) {
                    buf[len++] = (byte) (c >>> (8 * i));
                }
                out.write(buf, 0, len);
                written += len;
                len = 0;
            }
            out.flush();
        }
        return written;
    }

    @Override
    public void close() throws IOException {
        finish();
    }

    private void length(long v) throws IOException {
        if (v < 64) {
            put((int) v);
        } else if (v < 16384) {
            put(0x40 | (int) (v >>> 8));
            put((int) v & 0xff);
        } else if (v <= 0xffffffffL) {
            put(0x80);
            for (int i = 3; i >= 0; i--) {
                put((int) (v >>> (8 * i)) & 0xff);
            }
        } else {
            put(0x81);
            for (int i = 7; i >= 0; i--) {
                put((int) (v >>> (8 * i)) & 0xff);
            }
        }
    }

    private void string(byte[] s) throws IOException {
        length(s.length);
        put(s, 0, s.length);
    }

    private void put(int b) throws IOException {
        if (len == buf.length) {
            drain();
        }
        buf[len++] = (byte) b;
    }

    private void put(byte[] b, int off, int n) throws IOException {
        while (n > 0) {
            if (len == buf.length) {
                drain();
            }
            int step = Math.min(n, buf.length - len);
            System.arraycopy(b, off, buf, len, step);
            len += step;
            off += step;
            n -= step;
        }
    }

    /** Writes the buffer out, feeding it to the file CRC. */
    private void drain() throws IOException {
        crc = Crc64.update(crc, buf, 0, len);
        out.write(buf, 0, len);
        written += len;
        len = 0;
    }
}
