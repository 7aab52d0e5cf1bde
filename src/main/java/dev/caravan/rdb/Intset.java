package dev.caravan.rdb;

import java.io.IOException;

/**
 * Intset reader (redis/redis src/intset.c): element width (u32 LE: 2, 4 or 8), count (u32 LE),
 * then the integers little-endian, strictly ascending (which also rules out duplicates).
 */
final class Intset {

    private final ValueSource src;
    private final int width;
    private final long size;
    private long read;
    private long last;

    Intset(ValueSource src) throws IOException {
        this.src = src;
        src.need(8);
        long w = src.readLE(4);
        if (w != 2 && w != 4 && w != 8) {
            throw src.fail("expected intset encoding 2, 4 or 8, found " + w);
        }
        width = (int) w;
        size = src.readLE(4);
        if (8 + size * width != src.length) {
            throw src.fail("expected intset of " + (8 + size * width) + " bytes for " + size
                    + " elements of " + width + " bytes, found " + src.length);
        }
    }

    boolean hasNext() throws IOException {
        if (read < size) {
            return true;
        }
        src.finish();
        return false;
    }

    long next() throws IOException {
        long v = src.readLE(width) << (64 - 8 * width) >> (64 - 8 * width);
        if (read > 0 && v <= last) {
            throw src.fail("expected intset elements in ascending order, found " + v + " after " + last);
        }
        last = v;
        read++;
        return v;
    }
}
