package dev.caravan.archive;

import dev.caravan.rdb.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A zip archive with one deflated entry, {@code <shard>.rdb}: the format that Camel's Zip file
 * data format ({@code camel-zipfile}) writes and reads, and that {@code unzip} and every desktop
 * understand. Written and read as streams (java.util.zip), with the sizes and CRC-32 in a data
 * descriptor after the data, so nothing needs to be known or buffered in advance.
 */
public final class ZipCodec implements Codec {

    public static final String NAME = "zip";

    private final int level;

    /** @param level deflate level, 1 (fast) to 9 (small) */
    public ZipCodec(int level) {
        this.level = checkLevel(level);
    }

    static int checkLevel(int level) {
        if (level < Deflater.BEST_SPEED || level > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("deflate level " + level + " is outside 1..9");
        }
        return level;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String extension() {
        return "zip";
    }

    /** Closing the result closes the entry, writes the central directory and closes {@code sink}. */
    @Override
    public OutputStream compress(OutputStream sink, String entryName) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(sink);
        zip.setLevel(level);
        zip.setMethod(ZipOutputStream.DEFLATED);
        zip.putNextEntry(new ZipEntry(entryName));
        return zip;
    }

    @Override
    public InputStream decompress(InputStream source) throws IOException {
        ZipInputStream zip = new ZipInputStream(source);
        ZipEntry entry;
        try {
            entry = zip.getNextEntry();
        } catch (IOException e) {
            throw DecodingInputStream.failure(NAME, e);
        }
        if (entry == null) {
            throw new IOException(NAME + ": the archive has no entry (empty, truncated or not a zip file)");
        }
        if (entry.isDirectory()) {
            throw new IOException(NAME + ": the archive's entry '" + Printable.escape(entry.getName(), 200)
                    + "' is a directory, not a snapshot");
        }
        return new DecodingInputStream(NAME, new SingleEntry(zip, entry.getName()));
    }

    /** Reads the first entry and, at its end, refuses an archive that holds anything more. */
    private static final class SingleEntry extends InputStream {
        private final ZipInputStream zip;
        private final String name;
        private final byte[] one = new byte[1];
        private boolean ended;

        SingleEntry(ZipInputStream zip, String name) {
            this.zip = zip;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            int n = zip.read(b, off, len);
            if (n < 0) {
                ended = true;
                ZipEntry next = zip.getNextEntry();
                if (next != null) {
                    throw new IOException(NAME + ": the archive has more than one entry ('"
                            + Printable.escape(next.getName(), 200) + "' after '" + Printable.escape(name, 200)
                            + "'); a snapshot archive holds exactly one");
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
