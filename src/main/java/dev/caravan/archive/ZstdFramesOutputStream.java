package dev.caravan.archive;

import io.airlift.compress.zstd.ZstdCompressor;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Compresses into a sequence of independent, standard zstd frames, one per {@code frameSize}
 * bytes of input, each with its content size and checksum (a zstd file may hold many frames;
 * {@code zstd -d} concatenates their contents). This uses aircompressor's block compressor
 * because its streaming compressor stops finding matches after its first buffer (measured:
 * ratio 1.162 instead of 1.263 on an RDB, 2.8 instead of 293 on repetitive data). Memory is
 * two buffers of about {@code frameSize} whatever the input's length. Matches do not cross
 * frames; at 8 MiB that costs under 1% of ratio.
 */
final class ZstdFramesOutputStream extends OutputStream {

    private final OutputStream sink;
    private final ZstdCompressor compressor = new ZstdCompressor();
    private final byte[] input;
    private final byte[] output;
    private int buffered;
    private boolean wroteFrame;
    private boolean closed;

    ZstdFramesOutputStream(OutputStream sink, int frameSize) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.input = new byte[frameSize];
        this.output = new byte[compressor.maxCompressedLength(frameSize)];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (buffered == input.length) {
            writeFrame();
        }
        input[buffered++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (buffered == input.length) {
                writeFrame();
            }
            int n = Math.min(len, input.length - buffered);
            System.arraycopy(b, off, input, buffered, n);
            buffered += n;
            off += n;
            len -= n;
        }
    }

    /** Writes what is buffered as a frame (an empty input still gets one, empty, frame) and closes the sink. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (sink) {
            if (buffered > 0 || !wroteFrame) {
                writeFrame();
            }
        }
    }

    private void writeFrame() throws IOException {
        int length = compressor.compress(input, 0, buffered, output, 0, output.length);
        sink.write(output, 0, length);
        buffered = 0;
        wroteFrame = true;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("zstd stream is closed");
        }
    }
}
