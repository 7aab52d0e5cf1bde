package dev.caravan.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Bytes from one writing thread to one reading thread through a fixed number of chunks, so a fast
 * writer waits for a slow reader instead of filling the heap ({@code chunks × chunkSize} bytes at
 * most). The writer ends the stream with {@link #finish()} or {@link #fail(IOException)}; the
 * reader sees the failure after the bytes written before it. A reader that closes early makes the
 * writer's next write fail, so the writer stops. The reader hands each chunk it has read back to
 * the writer, which fills it again: a stream of any length allocates {@code chunks + 2} arrays.
 */
public final class BoundedPipe {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue;
    /** Read chunks, back for the writer to fill: the queue's, the writer's and the reader's at most. */
    private final BlockingQueue<byte[]> spare;
    private final int chunkSize;
    private final Sink sink;
    private final Source source;
    private volatile boolean readerClosed;
    private volatile IOException failure;

    public BoundedPipe(int chunks, int chunkSize) {
        this.queue = new ArrayBlockingQueue<>(chunks);
        this.spare = new ArrayBlockingQueue<>(chunks + 2);
        this.chunkSize = chunkSize;
        this.sink = new Sink();
        this.source = new Source();
    }

    /** The writer's side; write from one thread only. */
    public OutputStream sink() {
        return sink;
    }

    /** The reader's side; read from one thread only. Closing it stops the writer. */
    public InputStream source() {
        return source;
    }

    /**
     * Writes everything {@code in} gives until its end, reading straight into the chunks (no
     * copy through a buffer of the caller's); the stream goes on until {@link #finish()}.
     */
    public void transferFrom(InputStream in) throws IOException {
        sink.transferFrom(in);
    }

    /** Ends the stream after the bytes written so far. */
    public void finish() throws IOException {
        sink.flushChunk();
        put(END);
    }

    /** Ends the stream with an error the reader gets once it has read what came before. */
    public void fail(IOException reason) {
        failure = reason;
        try {
            sink.flushChunk();
            put(END);
        } catch (IOException e) {
            // the reader has gone: nobody is left to tell
        }
    }

    /** The reader is done, whether or not it read to the end: the writer's next write fails. */
    public void closeReader() {
        readerClosed = true;
        queue.clear();
    }

    /** True once the reader has read the end of a stream that did not fail. */
    public boolean ended() {
        return source.ended && failure == null;
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (readerClosed) {
                    throw new IOException("the reader closed the stream");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing into the pipe");
        }
    }

    private final class Sink extends OutputStream {
        private byte[] chunk = new byte[chunkSize];
        private int len;

        @Override
        public void write(int b) throws IOException {
            if (len == chunk.length) {
                flushChunk();
            }
            chunk[len++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            while (n > 0) {
                if (len == chunk.length) {
                    flushChunk();
                }
                int step = Math.min(n, chunk.length - len);
                System.arraycopy(b, off, chunk, len, step);
                len += step;
                off += step;
                n -= step;
            }
        }

        void transferFrom(InputStream in) throws IOException {
            while (true) {
                if (len == chunk.length) {
                    flushChunk();
                }
                int n = in.read(chunk, len, chunk.length - len);
                if (n < 0) {
                    return;
                }
                len += n;
            }
        }

        /** Chunks travel when full: a flush of the RDB writer is not a reason to send a small one. */
        @Override
        public void flush() {
            // see finish()
        }

        void flushChunk() throws IOException {
            if (readerClosed) {
                throw new IOException("the reader closed the stream");
            }
            if (len == 0) {
                return;
            }
            if (len == chunk.length) {
                put(chunk);
                byte[] reused = spare.poll();
                chunk = reused != null ? reused : new byte[chunkSize];
            } else {
                put(java.util.Arrays.copyOf(chunk, len));
            }
            len = 0;
        }
    }

    private final class Source extends InputStream {
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return current[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            if (n == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int step = Math.min(n, current.length - pos);
            System.arraycopy(current, pos, b, off, step);
            pos += step;
            return step;
        }

        @Override
        public int available() {
            return current.length - pos;
        }

        private boolean fill() throws IOException {
            while (pos == current.length) {
                if (ended) {
                    return end();
                }
                try {
                    byte[] next = queue.take();
                    if (next == END) {
                        ended = true;
                        return end();
                    }
                    if (current.length == chunkSize) {
                        spare.offer(current);
                    }
                    current = next;
                    pos = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading from the pipe");
                }
            }
            return true;
        }

        private boolean end() throws IOException {
            if (failure != null) {
                throw failure;
            }
            return false;
        }

        @Override
        public void close() {
            closeReader();
        }
    }
}
