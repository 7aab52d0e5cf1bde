package dev.caravan.archive;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;

/**
 * Zstandard, the default: standard zstd frames at level 3, one per 8 MiB of input, each with its
 * content checksum (XXH64), so {@code zstd -d} reads and verifies them and damage is detected on
 * read; compressed by worker threads beside the writer ({@link ZstdFramesOutputStream}). Reads any
 * standard zstd file, such as what the {@code zstd} CLI writes. The reference C library through
 * zstd-jni: see the package documentation for why, and for the measurements.
 */
public final class ZstdCodec implements Codec {

    public static final String NAME = "zstd";
    /** Input per frame: the ratio is within 1% of one frame, and memory stays at a few such buffers. */
    static final int FRAME_SIZE = 8 * 1024 * 1024;

    private final int workers;

    /** Compresses on one thread of its own per stream, beside the writer's. */
    public ZstdCodec() {
        this(1);
    }

    /** @param workers threads per stream that compress frames; 0 compresses on the writer's thread */
    public ZstdCodec(int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("zstd workers " + workers + " is negative");
        }
        this.workers = workers;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String extension() {
        return "zst";
    }

    @Override
    public OutputStream compress(OutputStream sink, String entryName) {
        return new ZstdFramesOutputStream(sink, FRAME_SIZE, workers);
    }

    @Override
    public InputStream decompress(InputStream source) throws IOException {
        // zstd-jni reads zero frames as an empty stream; an archive of ours always has one.
        PushbackInputStream input = new PushbackInputStream(source, 1);
        int first = input.read();
        if (first < 0) {
            throw new IOException(NAME + ": cannot decompress, the archive is empty (0 bytes): it is truncated");
        }
        input.unread(first);
        return new DecodingInputStream(NAME, new ZstdInputStreamNoFinalizer(input));
    }
}
