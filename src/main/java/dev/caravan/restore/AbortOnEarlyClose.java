package dev.caravan.restore;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * An S3 object's stream that aborts its connection when closed before its end (a download that
 * was refused or stopped). Closed plainly, the SDK's stream over Apache's HTTP client reads the
 * rest of the object first, to keep the connection for reuse: the whole archive, for a restore
 * that has already failed.
 */
final class AbortOnEarlyClose extends FilterInputStream {

    private final ResponseInputStream<?> object;
    private boolean ended;

    AbortOnEarlyClose(ResponseInputStream<?> object) {
        super(object);
        this.object = object;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        ended |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        ended |= n < 0;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            object.abort();
        }
        super.close();
    }
}
