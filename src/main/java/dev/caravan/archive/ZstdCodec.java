package dev.caravan.archive;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Zstandard, the default: standard zstd frames at level 3, one per 8 MiB of input, each with its
 * content checksum (XXH64), so {@code zstd -d} reads and verifies them and damage is detected on
 * read. Reads any standard zstd file, such as what the {@code zstd} CLI writes. Pure Java
 * (aircompressor): see the package documentation for why, and for the measurements.
 */
public final class ZstdCodec implements Codec {

    public static final String NAME = "zstd";
    /** Input per frame: the ratio is within 1% of one frame, and memory stays at two such buffers. */
    static final int FRAME_SIZE = 8 * 1024 * 1024;

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
        return new ZstdFramesOutputStream(sink, FRAME_SIZE);
    }

    @Override
    public InputStream decompress(InputStream source) {
        return new DecodingInputStream(NAME, new ZstdInputStream(source));
    }
}
