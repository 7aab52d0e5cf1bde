package dev.caravan.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Arrays;

/**
 * A diskless transfer: the RDB is followed by the 40-byte mark announced in {@code $EOF:<mark>}.
 *
 * <p>The last 40 bytes received are always held back, because until more bytes arrive they may be
 * the mark; the reader is never given any byte of the mark. After every read from the socket the
 * held-back tail is compared with the mark, as Redis's own replica does. Nothing can follow the
 * mark in the same read: the master sends no replication stream before the replica's first
 * {@code REPLCONF ACK} (and closes an {@code rdb-only} replica), so the mark is always the tail.
 */
final class EofMarkedPayloadStream extends PayloadStream {

    private static final int BUFFER = 256 * 1024;

    private final byte[] mark;
    private final byte[] buffer;
    private int start;
    private int end;
    private long received;
    private boolean markSeen;

    EofMarkedPayloadStream(InputStream in, Socket socket, String source, long idleTimeoutMillis, byte[] mark) {
        super(in, socket, source, idleTimeoutMillis);
        this.mark = mark.clone();
        this.buffer = new byte[BUFFER + mark.length];
    }

    @Override
    int readPayload(byte[] b, int off, int len) throws IOException {
        while (true) {
            int ready = end - start - (markSeen ? 0 : mark.length);
            if (ready > 0) {
                int n = Math.min(ready, len);
                System.arraycopy(buffer, start, b, off, n);
                start += n;
                return n;
            }
            if (markSeen) {
                return -1;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int n = readSocket(buffer, end, buffer.length - end, received);
        if (n < 0) {
            throw truncated(received, "the end mark did not arrive");
        }
        end += n;
        received += n;
        if (end >= mark.length && Arrays.equals(buffer, end - mark.length, end, mark, 0, mark.length)) {
            markSeen = true;
            end -= mark.length;
        }
    }

    @Override
    boolean ended() {
        return markSeen && start == end;
    }

    @Override
    public int available() {
        return Math.max(0, end - start - (markSeen ? 0 : mark.length));
    }
}
