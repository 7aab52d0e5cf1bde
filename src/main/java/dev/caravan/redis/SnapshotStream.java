package dev.caravan.redis;

import java.io.Closeable;
import java.io.InputStream;

/**
 * An RDB as a stream, however it is taken: a replica's full resynchronisation ({@link Snapshot})
 * or SCAN and DUMP ({@link ScanSnapshot}). The backup's one pass reads {@link #payload()} to its
 * end and then asks {@link #complete()}; closing releases the connection.
 */
public interface SnapshotStream extends Closeable {

    /** The RDB bytes, ending exactly at the end of the RDB; read errors are {@link SnapshotException}s. */
    InputStream payload();

    /** True once the payload has been read to its end and every byte of the RDB arrived. */
    boolean complete();
}
