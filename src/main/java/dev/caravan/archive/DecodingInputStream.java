package dev.caravan.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Gives every failure of a decompressor one shape: an {@link IOException} naming the codec.
 * Decoders report damage in their own ways (java.util.zip's {@code ZipException} and
 * {@code EOFException}, zstd-jni's unchecked {@code ZstdException}); callers
 * should not have to know them, and an unchecked exception must not escape a stream read.
 */
final class DecodingInputStream extends FilterInputStream {

    private final String codec;

    DecodingInputStream(String codec, InputStream decoder) {
        super(decoder);
        this.codec = codec;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException | RuntimeException e) {
            throw failure(codec, e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw failure(codec, e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return in.skip(n);
        } catch (IOException | RuntimeException e) {
            throw failure(codec, e);
        }
    }

    static IOException failure(String codec, Exception cause) {
        if (cause instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(codec + ": ")) {
            return io;
        }
        return new IOException(codec + ": cannot decompress, the archive is corrupt or truncated ("
                + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")", cause);
    }
}
