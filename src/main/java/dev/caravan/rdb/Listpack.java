package dev.caravan.rdb;

import java.io.IOException;
import java.util.Arrays;

/**
 * Forward-only listpack reader (redis/redis src/listpack.c). Header: total bytes (u32 LE) and
 * element count (u16 LE, 65535 = unknown); entries: an encoding byte (7-bit uint, 6/12/32-bit
 * string lengths, 13-bit/16/24/32/64-bit integers), the data, then a "backlen" of 1-5 bytes
 * holding the entry size in 7-bit groups; 0xFF ends it. Every field is checked against what
 * was actually read.
 */
final class Listpack extends PackedReader {

    private final ValueSource src;
    private final int declaredCount;
    private long count;

    Listpack(ValueSource src) throws IOException {
        this.src = src;
        if (src.length < 7) {
            throw src.fail("expected a listpack of at least 7 bytes");
        }
        long total = src.readLE(4);
        if (total != src.length) {
            throw src.fail("expected listpack total-bytes " + src.length + ", found " + total);
        }
        declaredCount = (int) src.readLE(2);
    }

    /**
     * Reads the next entry; false at the end byte, after checking the count and that the end
     * byte is the blob's last byte. Strings are materialized into {@link #str} only on request.
     */
    @Override
    public boolean next(boolean materialize) throws IOException {
        if (src.window() >= 3 && shortEntry(materialize)) {
            count++;
            return true;
        }
        long start = src.position;
        int b = src.read();
        if (b != 0xFF && start == src.length - 1) {
            throw src.failBack(1, "expected listpack end byte 0xFF, found 0x" + Strings.hex(b));
        }
        isInt = true;
        if (b < 0x80) {
            intValue = b;
        } else if (b < 0xC0) {
            readString(b & 0x3f, materialize);
        } else if (b < 0xE0) {
            intValue = ((long) (((b & 0x1f) << 8) | src.read())) << 51 >> 51;
        } else if (b < 0xF0) {
            readString(((b & 0x0f) << 8) | src.read(), materialize);
        } else {
            switch (b) {
                case 0xF0 -> readString(src.readLE(4), materialize);
                case 0xF1 -> intValue = (short) src.readLE(2);
                case 0xF2 -> intValue = src.readLE(3) << 40 >> 40;
                case 0xF3 -> intValue = (int) src.readLE(4);
                case 0xF4 -> intValue = src.readLE(8);
                case 0xFF -> {
                    end();
                    return false;
                }
                default -> throw src.failBack(1, "expected a listpack entry encoding, found 0x" + Strings.hex(b));
            }
        }
        checkBacklen(src.position - start);
        count++;
        return true;
    }

    /**
     * The common entries — 7-bit uint, 13-bit int, string up to 63 bytes, each with a one-byte
     * backlen — decoded straight from the source's window; false leaves everything else
     * (including every malformed entry) to the byte-by-byte path and its messages.
     */
    private boolean shortEntry(boolean materialize) {
        byte[] a = src.array();
        int p = src.arrayPos();
        int b = a[p] & 0xff;
        if (b < 0x80) {
            if (a[p + 1] != 1) {
                return false;
            }
            isInt = true;
            intValue = b;
            src.advance(2);
            return true;
        }
        if (b < 0xC0) {
            int len = b & 0x3f;
            if (src.window() < len + 2 || a[p + 1 + len] != len + 1) {
                return false;
            }
            isInt = false;
            strLen = len;
            str = materialize ? Arrays.copyOfRange(a, p + 1, p + 1 + len) : null;
            src.advance(len + 2);
            return true;
        }
        if (b < 0xE0 && a[p + 2] == 2) {
            isInt = true;
            intValue = ((long) (((b & 0x1f) << 8) | (a[p + 1] & 0xff))) << 51 >> 51;
            src.advance(3);
            return true;
        }
        return false;
    }

    private void readString(long len, boolean materialize) throws IOException {
        isInt = false;
        src.need(len + 1); // at least one backlen byte follows
        strLen = (int) Math.min(len, Integer.MAX_VALUE);
        if (materialize) {
            if (len > Integer.MAX_VALUE - 16) {
                throw src.fail("listpack entry of " + len + " bytes is too large to decode in memory");
            }
            str = src.readBytes(strLen);
        } else {
            str = null;
            src.skip(len);
        }
    }

    /** The backlen encodes the entry size big-endian in 7-bit groups, high bit set after the first. */
    private void checkBacklen(long entryLen) throws IOException {
        if (entryLen < 128) {
            int b = src.read();
            if (b != entryLen) {
                throw src.failBack(1, "expected listpack backlen " + entryLen + ", found 0x" + Strings.hex(b));
            }
            return;
        }
        int n = entryLen < 16384 ? 2 : entryLen < 2097152 ? 3 : entryLen < 268435456 ? 4 : 5;
        long v = 0;
        for (int i = 0; i < n; i++) {
            int b = src.read();
            if ((i == 0) == ((b & 0x80) != 0)) {
                throw src.fail("expected listpack backlen " + entryLen + ", found malformed byte 0x" + Strings.hex(b));
            }
            v = (v << 7) | (b & 0x7f);
        }
        if (v != entryLen) {
            throw src.fail("expected listpack backlen " + entryLen + ", found " + v);
        }
    }

    private void end() throws IOException {
        if (src.position != src.length) {
            throw src.fail("expected the listpack end byte 0xFF as its last byte, found it "
                    + (src.length - src.position) + " bytes early");
        }
        if (declaredCount != 65535 && declaredCount != count) {
            throw src.fail("expected " + declaredCount + " listpack elements (header), found " + count);
        }
        src.finish();
    }

    /** Elements read so far. */
    long count() {
        return count;
    }


    /** The current entry as an integer, for stream metadata; strings must hold a decimal integer. */
    long asLong() throws RdbFormatException {
        if (isInt) {
            return intValue;
        }
        try {
            return str == null ? fail() : Strings.parseLong(str);
        } catch (NumberFormatException e) {
            return fail();
        }
    }

    private long fail() throws RdbFormatException {
        throw src.fail("expected an integer listpack entry, found a string");
    }

    ValueSource source() {
        return src;
    }
}
