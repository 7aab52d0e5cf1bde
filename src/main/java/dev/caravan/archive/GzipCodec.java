package dev.caravan.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip (RFC 1952) through java.util.zip: for tools and people that know only {@code gunzip}. */
public final class GzipCodec implements Codec {

    public static final String NAME = "gzip";
    private static final int BUFFER = 64 * 1024;

    private final int level;

    /** @param level deflate level, 1 (fast) to 9 (small) */
    public GzipCodec(int level) {
        this.level = ZipCodec.checkLevel(level);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String extension() {
        return "gz";
    }

    @Override
    public OutputStream compress(OutputStream sink, String entryName) throws IOException {
        return new GZIPOutputStream(sink, BUFFER) {
            {
                def.setLevel(level);
            }
        };
    }

    @Override
    public InputStream decompress(InputStream source) throws IOException {
        try {
            return new DecodingInputStream(NAME, new GZIPInputStream(source, BUFFER));
        } catch (IOException e) {
            throw DecodingInputStream.failure(NAME, e);
        }
    }
}
