package dev.caravan.rdb;

import java.io.IOException;

/** What sorted-set and hash code needs from a ziplist or a listpack: entries one at a time. */
interface PackedReader {

    /** Reads the next entry (materializing strings on request); false at the end. */
    boolean next(boolean materialize) throws IOException;

    boolean isInt();

    long intValue();

    /** The current entry's bytes: integers as decimal text; null for unmaterialized strings. */
    byte[] value();
}
