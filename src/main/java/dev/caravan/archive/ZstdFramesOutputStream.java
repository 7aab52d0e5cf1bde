package dev.caravan.archive;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compresses into a sequence of independent, standard zstd frames, one per {@code frameSize}
 * bytes of input, each with its content size and checksum (a zstd file may hold many frames;
 * {@code zstd -d} concatenates their contents), at zstd's level 3, as the CLI's default. Matches
 * do not cross frames; at 8 MiB that costs under 1% of ratio.
 *
 * <p>Because frames are independent, up to {@code workers} of them are compressed on threads of
 * this stream's own while the writer fills the next one, so the thread that pulls and parses the
 * snapshot does not also pay for compression; the output is the same bytes, in the same order,
 * as with {@code workers = 0} (compress on the writer's thread). Memory is bounded whatever the
 * input's length: {@code workers + 1} input buffers and {@code workers} output buffers of about
 * {@code frameSize}, plus a zstd context (native memory, a megabyte or two at level 3) per thread
 * that compresses. The threads start with the first full frame and end with {@link #close()},
 * which also frees the contexts.
 */
final class ZstdFramesOutputStream extends OutputStream {

    private static final AtomicInteger THREADS = new AtomicInteger();
    static final int LEVEL = 3;

    private final OutputStream sink;
    private final int frameSize;
    private final int workers;
    private final Deque<Future<Frame>> pending = new ArrayDeque<>();
    private final Deque<byte[]> spareInputs = new ArrayDeque<>();
    private final Deque<byte[]> spareOutputs = new ConcurrentLinkedDeque<>();
    /** Contexts not in use; one is created per thread that compresses at once, all freed on close. */
    private final Deque<ZstdCompressCtx> spareContexts = new ConcurrentLinkedDeque<>();
    private ExecutorService pool;
    private byte[] input;
    private int buffered;
    private boolean wroteFrame;
    private boolean closed;

    /** A compressed frame, with the buffers to give back once it is written. */
    private record Frame(byte[] input, byte[] output, int length) {
    }

    ZstdFramesOutputStream(OutputStream sink, int frameSize, int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("workers " + workers + " is negative");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.frameSize = frameSize;
        this.workers = workers;
        this.input = new byte[frameSize];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (buffered == input.length) {
            submitFrame();
        }
        input[buffered++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (buffered == input.length) {
                submitFrame();
            }
            int n = Math.min(len, input.length - buffered);
            System.arraycopy(b, off, input, buffered, n);
            buffered += n;
            off += n;
            len -= n;
        }
    }

    /**
     * Compresses what is buffered as the last frame (an empty input still gets one, empty, frame),
     * writes every frame in order, stops the threads and closes the sink; the threads stop and the
     * sink is closed even if that fails.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (sink) {
            if (buffered > 0 || !wroteFrame) {
                submitFrame();
            }
            while (!pending.isEmpty()) {
                writeOldest();
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
                awaitWorkers();
            }
            ZstdCompressCtx context;
            while ((context = spareContexts.poll()) != null) {
                context.close();
            }
        }
    }

    /** A context is given back only when its frame is done: wait for any still running. */
    private void awaitWorkers() {
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submitFrame() throws IOException {
        byte[] full = input;
        int length = buffered;
        wroteFrame = true;
        if (workers == 0) {
            Frame frame = compress(full, length);
            sink.write(frame.output, 0, frame.length);
            spareOutputs.push(frame.output);
            buffered = 0;
            return;
        }
        while (pending.size() >= workers) {
            writeOldest();
        }
        pending.add(pool().submit(() -> compress(full, length)));
        input = spareInputs.isEmpty() ? new byte[frameSize] : spareInputs.pop();
        buffered = 0;
    }

    private Frame compress(byte[] in, int length) {
        byte[] out = spareOutputs.poll();
        if (out == null) {
            out = new byte[Math.toIntExact(Zstd.compressBound(frameSize))];
        }
        ZstdCompressCtx context = spareContexts.poll();
        if (context == null) {
            context = new ZstdCompressCtx().setLevel(LEVEL).setChecksum(true).setContentSize(true);
        }
        try {
            return new Frame(in, out, context.compressByteArray(out, 0, out.length, in, 0, length));
        } finally {
            spareContexts.push(context);
        }
    }

    private void writeOldest() throws IOException {
        Frame frame;
        try {
            frame = pending.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("zstd: compressing a frame failed: " + e.getCause(), e.getCause());
        }
        sink.write(frame.output, 0, frame.length);
        spareInputs.push(frame.input);
        spareOutputs.push(frame.output);
    }

    private ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(workers, task -> {
                Thread thread = new Thread(task, "caravan-zstd-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return pool;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("zstd stream is closed");
        }
    }
}
