package dev.caravan.rdb;

import java.io.IOException;

/**
 * What sorted-set and hash code needs from a ziplist or a listpack: entries one at a time. The
 * current entry lives here, so both encodings expose it the same way.
 */
abstract class PackedReader {

    /** Whether the current entry is an integer (then {@link #intValue}), else a string ({@link #str}). */
    boolean isInt;
    long intValue;
    /** The current string entry, or null when the caller did not ask to materialize it. */
    byte[] str;
    /** The current string entry's length, materialized or not. */
    int strLen;

    /** Reads the next entry (materializing strings on request); false at the end. */
    abstract boolean next(boolean materialize) throws IOException;

    final boolean isInt() {
        return isInt;
    }

    final long intValue() {
        return intValue;
    }

    /** The current entry's bytes: integers as decimal text; null for unmaterialized strings. */
    final byte[] value() {
        return isInt ? Strings.ascii(intValue) : str;
    }
}
