package dev.caravan.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The snapshot bytes as they arrive from the master, ending exactly at the end of the RDB.
 *
 * <p>Subclasses know where the RDB ends (a length, or an end mark); this class reads the socket,
 * counts what it hands out, turns a silent connection into a time-out error and an early end into
 * a "truncated" error, and closes the socket when the stream is closed. Reading is the only thing
 * the master expects of a replica during the transfer (a replica's first {@code REPLCONF ACK}
 * comes after it), so a slow but steady reader is fine; see {@link SnapshotPuller} for the master's
 * limits.
 */
abstract class PayloadStream extends InputStream {

    private final InputStream in;
    private final Socket socket;
    private final String source;
    private final long idleTimeoutMillis;
    private final byte[] one = new byte[1];
    private long delivered;

    PayloadStream(InputStream in, Socket socket, String source, long idleTimeoutMillis) {
        this.in = in;
        this.socket = socket;
        this.source = source;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    /** Bytes of the RDB handed to the reader so far. */
    final long delivered() {
        return delivered;
    }

    /** True once the reader has been given the last byte of the RDB. */
    abstract boolean ended();

    @Override
    public final int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n = readPayload(b, off, len);
        if (n > 0) {
            delivered += n;
        }
        return n;
    }

    /** Reads RDB bytes into {@code b}; -1 exactly at the end of the RDB. */
    abstract int readPayload(byte[] b, int off, int len) throws IOException;

    /**
     * Reads what the socket has, up to {@code len} bytes; -1 if the connection ended. A silence
     * longer than the idle time-out and other I/O failures become {@link SnapshotException}s.
     */
    final int readSocket(byte[] b, int off, int len, long received) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (SocketTimeoutException e) {
            throw new SnapshotException(SnapshotException.Kind.TIMEOUT, "no data from " + source + " for "
                    + idleTimeoutMillis + " ms during the transfer, after " + received + " bytes of the snapshot:"
                    + " the master or the network is stuck (raise readIdleTimeout if the master is just slow)", e);
        } catch (SnapshotException e) {
            throw e;
        } catch (IOException e) {
            if (socket.isClosed()) {
                throw new SnapshotException(SnapshotException.Kind.IO, "the snapshot stream from " + source
                        + " was closed after " + received + " bytes", e);
            }
            throw new SnapshotException(SnapshotException.Kind.TRUNCATED, "truncated snapshot after " + received
                    + " bytes from " + source + ": the connection failed (" + e.getMessage() + ")", e);
        }
    }

    /** Bytes that can be read from the connection without blocking. */
    final int bufferedInSocket() throws IOException {
        return in.available();
    }

    /** The error for a connection that ended before the end of the RDB. */
    final SnapshotException truncated(long received, String expected) {
        return new SnapshotException(SnapshotException.Kind.TRUNCATED, "truncated snapshot after " + received
                + " bytes from " + source + " (" + expected + "): the connection ended early; the master may have"
                + " dropped this replica (repl-timeout, client-output-buffer-limit) or stopped: see its log");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
