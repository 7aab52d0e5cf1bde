package dev.caravan.rdb;

import java.io.IOException;
import java.util.Arrays;

/**
 * Forward-only ziplist reader (redis/redis src/ziplist.c). Header: total bytes (u32 LE), offset
 * of the last entry (u32 LE), entry count (u16 LE, 65535 = unknown); entries: the previous
 * entry's length (1 byte, or 0xFE and u32 LE), an encoding (6/14/32-bit string lengths, or
 * int16/32/64/24/8, or a 4-bit immediate), the data; 0xFF ends it. All of these are checked.
 */
final class Ziplist extends PackedReader {

    private static final int HEADER = 10;

    private final ValueSource src;
    private final long tail;
    private final int declaredCount;
    private long count;
    private long prevLen;
    private long lastStart = HEADER;

    Ziplist(ValueSource src) throws IOException {
        this.src = src;
        if (src.length < HEADER + 1) {
            throw src.fail("expected a ziplist of at least 11 bytes");
        }
        long total = src.readLE(4);
        if (total != src.length) {
            throw src.fail("expected ziplist total-bytes " + src.length + ", found " + total);
        }
        tail = src.readLE(4);
        declaredCount = (int) src.readLE(2);
    }

    /** Reads the next entry; false at the end byte after checking tail offset, count and size. */
    @Override
    public boolean next(boolean materialize) throws IOException {
        if (src.window() >= 4 && shortEntry(materialize)) {
            return true;
        }
        long start = src.position;
        int p = src.read();
        if (p != 0xFF && start == src.length - 1) {
            throw src.failBack(1, "expected ziplist end byte 0xFF, found 0x" + Strings.hex(p));
        }
        if (p == 0xFF) {
            end();
            return false;
        }
        long prev = p == 0xFE ? src.readLE(4) : p;
        if (prev != prevLen) {
            throw src.fail("expected ziplist prevlen " + prevLen + ", found " + prev);
        }
        int b = src.read();
        isInt = true;
        switch (b >>> 6) {
            case 0 -> readString(b & 0x3f, materialize);
            case 1 -> readString(((b & 0x3f) << 8) | src.read(), materialize);
            case 2 -> readString(src.readBE(4), materialize);
            default -> readInt(b);
        }
        lastStart = start;
        prevLen = src.position - start;
        count++;
        return true;
    }

    /**
     * The common entries — one-byte prevlen, then a string up to 63 bytes, an immediate 0-12,
     * an int8 or an int16 — decoded straight from the source's window, leaving room for the end
     * byte; false leaves everything else (and every malformed entry) to the careful path.
     */
    private boolean shortEntry(boolean materialize) {
        byte[] a = src.array();
        int p = src.arrayPos();
        if ((a[p] & 0xff) != prevLen) {
            return false;
        }
        int b = a[p + 1] & 0xff;
        int size;
        if (b < 0x40) {
            size = 2 + b;
            if (src.window() < size) {
                return false;
            }
            isInt = false;
            strLen = b;
            str = materialize ? Arrays.copyOfRange(a, p + 2, p + size) : null;
        } else if (b >= 0xF1 && b <= 0xFD) {
            size = 2;
            isInt = true;
            intValue = (b & 0x0f) - 1;
        } else if (b == 0xFE) {
            size = 3;
            isInt = true;
            intValue = a[p + 2];
        } else if (b == 0xC0) {
            size = 4;
            isInt = true;
            intValue = (short) ((a[p + 2] & 0xff) | (a[p + 3] << 8));
        } else {
            return false;
        }
        if (src.position + size >= src.length) {
            return false; // the end byte must still follow
        }
        lastStart = src.position;
        prevLen = size;
        count++;
        src.advance(size);
        return true;
    }

    private void readInt(int b) throws IOException {
        switch (b) {
            case 0xC0 -> intValue = (short) src.readLE(2);
            case 0xD0 -> intValue = (int) src.readLE(4);
            case 0xE0 -> intValue = src.readLE(8);
            case 0xF0 -> intValue = src.readLE(3) << 40 >> 40;
            case 0xFE -> intValue = (byte) src.read();
            default -> {
                if (b < 0xF1 || b > 0xFD) {
                    throw src.fail("expected a ziplist entry encoding, found 0x" + Strings.hex(b));
                }
                intValue = (b & 0x0f) - 1;
            }
        }
    }

    private void readString(long len, boolean materialize) throws IOException {
        isInt = false;
        src.need(len + 1); // the end byte at least follows
        strLen = (int) Math.min(len, Integer.MAX_VALUE);
        if (materialize) {
            if (len > Integer.MAX_VALUE - 16) {
                throw src.fail("ziplist entry of " + len + " bytes is too large to decode in memory");
            }
            str = src.readBytes(strLen);
        } else {
            str = null;
            src.skip(len);
        }
    }

    private void end() throws IOException {
        if (src.position != src.length) {
            throw src.fail("expected the ziplist end byte 0xFF as its last byte, found it "
                    + (src.length - src.position) + " bytes early");
        }
        if (tail != lastStart) {
            throw src.fail("expected ziplist tail offset " + lastStart + ", found " + tail);
        }
        if (declaredCount != 65535 && declaredCount != count) {
            throw src.fail("expected " + declaredCount + " ziplist entries (header), found " + count);
        }
        src.finish();
    }

}
