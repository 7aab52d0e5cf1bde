package dev.caravan.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A compression format for snapshot files, as streams so that a snapshot of any size passes in
 * one pass with bounded memory. Whatever the codec, decompressing gives back the RDB file
 * byte for byte, and the standard tool of the format ({@code zstd -d}, {@code gunzip},
 * {@code unzip}) does the same.
 */
public interface Codec {

    /** The name used in configuration and in the manifest: {@code zstd}, {@code gzip}, ... */
    String name();

    /** The file extension without a dot ({@code zst}, {@code gz}, {@code zip}), empty for none. */
    String extension();

    /**
     * Wraps {@code sink}: bytes written to the result are compressed into it. Closing the result
     * finishes the format (frame end, checksum, zip central directory) and closes {@code sink}.
     *
     * @param entryName the name of the decompressed file ({@code <shard>.rdb}); only container
     *                  formats (zip) record it
     */
    OutputStream compress(OutputStream sink, String entryName) throws IOException;

    /**
     * Wraps {@code source}: reading the result gives the decompressed bytes. A corrupt or
     * truncated input raises an {@link IOException} that names the codec, never a silent short read.
     */
    InputStream decompress(InputStream source) throws IOException;
}
