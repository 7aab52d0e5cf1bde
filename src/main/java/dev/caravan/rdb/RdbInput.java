package dev.caravan.rdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Buffered reader over an RDB stream with its own 64 KiB buffer. It tracks the absolute offset,
 * feeds CRC-64 lazily over consumed buffer ranges (once per refill, not per byte), and has a
 * "raw tap" that copies the consumed bytes to a sink between {@link #startTap} and
 * {@link #stopTap}: that is how DUMP copies a value's raw bytes without decoding them.
 * It also carries the db/key context that error messages name.
 */
final class RdbInput {

    static final int BUFFER_SIZE = 64 * 1024;

    /** The stream, or null when the input is parts of an array ({@link #over}). */
    private final InputStream in;
    private boolean checksum = true;
    final byte[] buf;
    int pos;
    int lim;
    /** Absolute offset of buf[0]. */
    private long base;
    /** Start of the consumed range not yet fed to the CRC and the tap. */
    private int mark;
    private long crc;
    private OutputStream tap;
    private boolean eof;
    private byte[] lzfRing;

    /** Error context: current database (-1 before any) and key (null outside a key). */
    int db = -1;
    byte[] key;

    RdbInput(InputStream in) {
        this.in = in;
        this.buf = new byte[BUFFER_SIZE];
    }

    /**
     * An input over parts of {@code array}, read where they lie (no copy, no checksum): each
     * {@link #over} makes one part the whole input.
     */
    RdbInput(byte[] array) {
        this.in = null;
        this.buf = array;
        this.checksum = false;
    }

    /** Makes {@code length} bytes of the array at {@code from} the input; its first byte is at {@code offset} of the RDB. */
    void over(int from, int length, long offset) {
        base = offset - from;
        pos = from;
        lim = from + length;
        mark = from;
    }

    /**
     * Stops computing the CRC-64 (before the first read): for a pass over bytes already checked,
     * or an input that is a part of an RDB another input checksums.
     */
    void withoutChecksum() {
        checksum = false;
    }

    /** Whether {@link #crc} covers the bytes consumed. */
    boolean checksummed() {
        return checksum;
    }

    /** True between {@link #startTap} and {@link #stopTap}. */
    boolean tapping() {
        return tap != null;
    }

    /** The LZF decoder's window, allocated once per input (Redis compresses strings over 20 bytes). */
    byte[] lzfRing(int size) {
        if (lzfRing == null) {
            lzfRing = new byte[size];
        }
        return lzfRing;
    }

    long offset() {
        return base + pos;
    }

    RdbFormatException fail(String what) {
        return RdbFormatException.at(offset(), db, key, what);
    }

    RdbFormatException failAt(long offset, String what) {
        return RdbFormatException.at(offset, db, key, what);
    }

    /** Feeds the consumed-but-unaccounted range to the CRC and the tap. */
    private void flushConsumed() throws IOException {
        int n = pos - mark;
        if (n > 0) {
            if (checksum) {
                crc = Crc64.update(crc, buf, mark, n);
            }
            if (tap != null) {
                tap.write(buf, mark, n);
            }
        }
        mark = pos;
    }

    /** Makes at least {@code n} (≤ buffer size) bytes available; false at end of input. */
    boolean ensure(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (in == null) {
            return false; // the end of an array's part: nothing follows, and the array is not ours to move
        }
        flushConsumed();
        int keep = lim - pos;
        if (keep > 0 && pos > 0) {
            System.arraycopy(buf, pos, buf, 0, keep);
        }
        base += pos;
        pos = 0;
        mark = 0;
        lim = keep;
        while (lim < n && !eof) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return lim >= n;
    }

    private RdbFormatException truncated(long needed) {
        return fail("expected " + needed + " more byte" + (needed == 1 ? "" : "s")
                + ", found end of input");
    }

    int readU8() throws IOException {
        if (pos >= lim && !ensure(1)) {
            throw truncated(1);
        }
        return buf[pos++] & 0xff;
    }

    /** Reads {@code n} (1..8) bytes little-endian. */
    long readLE(int n) throws IOException {
        if (lim - pos < n && !ensure(n)) {
            throw truncated(n - (lim - pos));
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += n;
        return v;
    }

    /** Reads {@code n} (1..8) bytes big-endian. */
    long readBE(int n) throws IOException {
        if (lim - pos < n && !ensure(n)) {
            throw truncated(n - (lim - pos));
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += n;
        return v;
    }

    void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            if (pos >= lim && !ensure(1)) {
                throw truncated(len);
            }
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    void skip(long n) throws IOException {
        while (n > 0) {
            if (pos >= lim && !ensure(1)) {
                throw truncated(n);
            }
            int step = (int) Math.min(n, lim - pos);
            pos += step;
            n -= step;
        }
    }

    /** True when no byte is left. */
    boolean atEnd() throws IOException {
        return pos >= lim && !ensure(1);
    }

    /** CRC-64 over every byte consumed so far. */
    long crc() throws IOException {
        flushConsumed();
        return crc;
    }

    void startTap(OutputStream sink) throws IOException {
        flushConsumed();
        tap = sink;
    }

    void stopTap() throws IOException {
        flushConsumed();
        tap = null;
    }
}
