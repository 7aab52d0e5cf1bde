package dev.caravan.redis;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * A full resynchronisation in progress: what the master said about it, and its RDB as a stream.
 *
 * <p>{@link #payload()} yields the RDB bytes as they arrive and ends exactly at the end of the RDB,
 * so a parser can consume it in one pass during the transfer. Errors while reading (truncation,
 * idle time-out) are {@link SnapshotException}s. Closing the snapshot or its payload closes the
 * connection; the master then forgets this replica. Not thread-safe: one reader.
 */
public final class Snapshot implements SnapshotStream {

    private final RedisUri source;
    private final String replicationId;
    private final long offset;
    private final TransferForm transfer;
    private final OptionalLong declaredLength;
    private final PayloadStream payload;

    Snapshot(RedisUri source, String replicationId, long offset, TransferForm transfer,
             OptionalLong declaredLength, PayloadStream payload) {
        this.source = source;
        this.replicationId = replicationId;
        this.offset = offset;
        this.transfer = transfer;
        this.declaredLength = declaredLength;
        this.payload = payload;
    }

    /** The server the snapshot comes from. */
    public RedisUri source() {
        return source;
    }

    /** The master's replication id from {@code +FULLRESYNC}: the history this snapshot belongs to. */
    public String replicationId() {
        return replicationId;
    }

    /** The replication offset from {@code +FULLRESYNC}: the point in that history the snapshot shows. */
    public long offset() {
        return offset;
    }

    public TransferForm transfer() {
        return transfer;
    }

    /** The length the master announced; empty for a {@linkplain TransferForm#DISKLESS diskless} transfer. */
    public OptionalLong declaredLength() {
        return declaredLength;
    }

    /** The RDB bytes, ending exactly at the end of the RDB. */
    @Override
    public InputStream payload() {
        return payload;
    }

    /** RDB bytes read from {@link #payload()} so far; the RDB's size once {@link #complete()}. */
    public long bytesRead() {
        return payload.delivered();
    }

    /** True once the payload has been read to its end: every byte of the RDB arrived. */
    @Override
    public boolean complete() {
        return payload.ended();
    }

    @Override
    public void close() throws IOException {
        payload.close();
    }

    @Override
    public String toString() {
        return "Snapshot[" + source + ", replid " + replicationId + ", offset " + offset + ", " + transfer
                + ", " + bytesRead() + " bytes read" + (complete() ? ", complete]" : "]");
    }
}
