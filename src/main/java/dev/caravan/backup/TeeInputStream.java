package dev.caravan.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies every byte read from a stream to a sink as it is read, so one reader (the parser)
 * drives both the check and the copy (the staging file): the snapshot crosses memory once.
 * {@code skip} reads too, so skipped bytes are copied as well. Closing closes the source only.
 */
final class TeeInputStream extends FilterInputStream {

    private static final int SKIP_BUFFER = 64 * 1024;

    private final OutputStream sink;

    TeeInputStream(InputStream source, OutputStream sink) {
        super(source);
        this.sink = sink;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sink.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            sink.write(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(SKIP_BUFFER, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /** Marking would replay bytes into the sink twice. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: see markSupported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** Copies whatever the reader left unread, so the sink holds the whole stream. */
    long drain() throws IOException {
        return in.transferTo(sink);
    }
}
