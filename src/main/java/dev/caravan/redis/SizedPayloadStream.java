package dev.caravan.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A disk-based transfer: the master announced the length ({@code $<length>}) and sends exactly
 * that many bytes. Whatever follows on the connection (the replication stream) is never read.
 */
final class SizedPayloadStream extends PayloadStream {

    private final long length;

    SizedPayloadStream(InputStream in, Socket socket, String source, long idleTimeoutMillis, long length) {
        super(in, socket, source, idleTimeoutMillis);
        this.length = length;
    }

    @Override
    int readPayload(byte[] b, int off, int len) throws IOException {
        long remaining = length - delivered();
        if (remaining == 0) {
            return -1;
        }
        int n = readSocket(b, off, (int) Math.min(len, remaining), delivered());
        if (n < 0) {
            throw truncated(delivered(), "expected " + length + " bytes");
        }
        return n;
    }

    @Override
    boolean ended() {
        return delivered() == length;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(bufferedInSocket(), length - delivered());
    }
}
