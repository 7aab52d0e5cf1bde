package dev.caravan.rdb;

import java.io.IOException;

/**
 * Zipmap reader (redis/redis src/zipmap.c, Redis ≤ 2.4 hashes): a count byte (254 = unknown),
 * then pairs of key length, key, value length, a free-space byte, value, free bytes;
 * a length below 254 is one byte, 254 announces a u32 LE length; 0xFF ends it.
 */
final class Zipmap {

    private final ValueSource src;
    private final int declaredCount;
    private long pairs;

    byte[] field;
    byte[] value;

    Zipmap(ValueSource src) throws IOException {
        this.src = src;
        src.need(2);
        declaredCount = src.read();
    }

    /** Reads the next pair; false at the end byte. */
    boolean next(boolean materialize) throws IOException {
        long klen = length();
        if (klen < 0) {
            if (src.position != src.length) {
                throw src.fail("expected the zipmap end byte 0xFF as its last byte, found it early");
            }
            // as redis/redis zipmapValidateIntegrity: the header is the pair count or 254 (unknown)
            if (pairs == 0) {
                throw src.fail("expected at least one zipmap pair, found none");
            }
            if (declaredCount != 254 && declaredCount != pairs) {
                throw src.fail("expected zipmap header " + pairs + " (the pair count) or 254, found " + declaredCount);
            }
            src.finish();
            return false;
        }
        field = bytes(klen, materialize);
        long vlen = length();
        if (vlen < 0) {
            throw src.fail("expected a zipmap value length, found the end byte 0xFF");
        }
        int free = src.read();
        value = bytes(vlen, materialize);
        src.skip(free);
        pairs++;
        return true;
    }

    /** A length, or -1 for the end byte. */
    private long length() throws IOException {
        int b = src.read();
        if (b < 254) {
            return b;
        }
        if (b == 254) {
            return src.readLE(4);
        }
        return -1;
    }

    private byte[] bytes(long len, boolean materialize) throws IOException {
        src.need(len + 1);
        if (materialize) {
            if (len > Integer.MAX_VALUE - 16) {
                throw src.fail("zipmap entry of " + len + " bytes is too large to decode in memory");
            }
            return src.readBytes((int) len);
        }
        src.skip(len);
        return null;
    }
}
