package dev.caravan.redis;

import dev.caravan.archive.BoundedPipe;
import java.io.InputStream;

/**
 * A scan in progress ({@link ScanSnapshotter}): its RDB as a stream, what the server said about
 * itself, and, once the payload has been read to its end, how many keys went in and how many
 * vanished between SCAN and DUMP. Not a point in time. Closing stops the scan and closes the
 * connection. Not thread-safe: one reader.
 */
public final class ScanSnapshot implements SnapshotStream {

    private final RedisUri source;
    private final String redisVersion;
    private final ScanProducer producer;
    private final BoundedPipe pipe;
    private final Thread thread;

    ScanSnapshot(RedisUri source, String redisVersion, ScanProducer producer, BoundedPipe pipe) {
        this.source = source;
        this.redisVersion = redisVersion;
        this.producer = producer;
        this.pipe = pipe;
        this.thread = new Thread(producer, "caravan-scan " + source.host() + ":" + source.port());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    public RedisUri source() {
        return source;
    }

    /** {@code redis_version} from {@code INFO server}. */
    public String redisVersion() {
        return redisVersion;
    }

    /** The RDB version of the file being written (its header), 0 until the first key is written. */
    public int rdbVersion() {
        return producer.rdbVersion();
    }

    @Override
    public InputStream payload() {
        return pipe.source();
    }

    @Override
    public boolean complete() {
        return pipe.ended();
    }

    /** Keys written into the RDB. */
    public long keys() {
        return producer.keys();
    }

    /** Keys that SCAN returned but that were gone (deleted or expired) by their PTTL or DUMP: skipped. */
    public long vanishedKeys() {
        return producer.vanished();
    }

    /** Keys SCAN returned more than once (it may, while the server resizes a table): written once. */
    public long repeatedKeys() {
        return producer.repeats();
    }

    @Override
    public void close() {
        boolean ended = pipe.ended();
        pipe.closeReader();
        if (!ended) {
            thread.interrupt();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ScanSnapshot[" + source + ", " + keys() + " keys, " + vanishedKeys() + " vanished"
                + (complete() ? ", complete]" : "]");
    }
}
