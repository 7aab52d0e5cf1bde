package dev.caravan.rdb;

import java.io.IOException;
import java.util.Arrays;

/**
 * The bytes of one string value as a forward-only stream, whether stored raw or LZF-compressed.
 * Nested encodings (ziplist, listpack, intset, zipmap, stream listpacks) are parsed from it
 * without buffering the blob.
 */
abstract class ValueSource {

    final RdbInput in;
    final long length;
    /** Decoded bytes consumed so far. */
    long position;
    /** Name of the nested encoding being read, for messages. */
    String what = "value";

    ValueSource(RdbInput in, long length) {
        this.in = in;
        this.length = length;
    }

    RdbFormatException fail(String message) {
        return failBack(0, message);
    }

    /**
     * An error about the byte(s) just read, {@code back} bytes behind the current position. The
     * file offset is exact for raw blobs; for LZF blobs it is where the compressed input stands.
     */
    RdbFormatException failBack(int back, String message) {
        long offset = in.offset() - (this instanceof Raw ? back : 0);
        return in.failAt(offset, message + " (at byte " + (position - back) + " of the " + length + "-byte " + what + ")");
    }

    final void need(long n) throws RdbFormatException {
        if (n > length - position) {
            throw fail("expected " + n + " more byte" + (n == 1 ? "" : "s") + ", found end of the " + what);
        }
    }

    abstract int read() throws IOException;

    /**
     * How many bytes can be read straight from {@link #array()} at {@link #arrayPos()} (maybe
     * 0): nested readers decode their common short entries there without a call per byte.
     */
    abstract int window();

    abstract byte[] array();

    abstract int arrayPos();

    /** Consumes {@code n} bytes of the window. */
    abstract void advance(int n);

    abstract void read(byte[] dst, int off, int len) throws IOException;

    abstract void skip(long n) throws IOException;

    /** Checks the blob was consumed exactly (and, for LZF, decompressed to its declared length). */
    abstract void finish() throws IOException;

    long readLE(int n) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) read() << (8 * i);
        }
        return v;
    }

    long readBE(int n) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | read();
        }
        return v;
    }

    /**
     * Reads {@code n} bytes into a new array. The blob's own length is only declared, so the
     * array grows as bytes actually arrive instead of trusting {@code n} up front.
     */
    byte[] readBytes(int n) throws IOException {
        need(n);
        byte[] b = new byte[Math.min(n, Strings.ALLOC_CHUNK)];
        int filled = 0;
        while (filled < n) {
            if (filled == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(n, (long) b.length * 2));
            }
            read(b, filled, b.length - filled);
            filled = b.length;
        }
        return b;
    }

    /** A string stored without compression: a window of the input. */
    static final class Raw extends ValueSource {

        Raw(RdbInput in, long length) {
            super(in, length);
        }

        @Override
        int read() throws IOException {
            if (position >= length) {
                need(1);
            }
            position++;
            return in.readU8();
        }

        @Override
        int window() {
            return (int) Math.min(length - position, in.lim - in.pos);
        }

        @Override
        byte[] array() {
            return in.buf;
        }

        @Override
        int arrayPos() {
            return in.pos;
        }

        @Override
        void advance(int n) {
            in.pos += n;
            position += n;
        }

        @Override
        void read(byte[] dst, int off, int len) throws IOException {
            need(len);
            in.readFully(dst, off, len);
            position += len;
        }

        @Override
        void skip(long n) throws IOException {
            need(n);
            in.skip(n);
            position += n;
        }

        @Override
        long readLE(int n) throws IOException {
            need(n);
            position += n;
            return in.readLE(n);
        }

        @Override
        long readBE(int n) throws IOException {
            need(n);
            position += n;
            return in.readBE(n);
        }

        @Override
        void finish() throws IOException {
            if (position != length) {
                throw fail("expected the " + what + " to end here, found " + (length - position) + " trailing bytes");
            }
        }
    }
}
