package dev.caravan.archive;

import io.airlift.compress.zstd.ZstdInputStream;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Zstandard, the default: one standard zstd frame at level 3 with its content checksum
 * (XXH64), so {@code zstd -d} reads it and verifies it, and damage is detected on read.
 * Reads any standard frame, such as what the {@code zstd} CLI writes. Pure Java (aircompressor):
 * see the package documentation for why, and for the measurements.
 */
public final class ZstdCodec implements Codec {

    public static final String NAME = "zstd";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String extension() {
        return "zst";
    }

    @Override
    public OutputStream compress(OutputStream sink, String entryName) throws IOException {
        return new ZstdOutputStream(sink);
    }

    @Override
    public InputStream decompress(InputStream source) {
        return new DecodingInputStream(NAME, new ZstdInputStream(source));
    }
}
