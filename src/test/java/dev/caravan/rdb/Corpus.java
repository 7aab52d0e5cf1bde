package dev.caravan.rdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The shared corpus of real RDB files plus this package's generated fixtures. */
final class Corpus {

    private Corpus() {
    }

    static Path dir() {
        return dev.caravan.testing.Corpus.dir();
    }

    /**
     * Corpus files that redis-server itself refuses, with the reason; the server wins over the
     * corpus README ("every file must parse") and over the .json oracle.
     * zipmap_big_len.rdb: its zipmap header says 255 pairs; redis-check-rdb 7.0.15 reports
     * "Zipmap integrity check failed" because zipmapValidateIntegrity accepts only the real
     * count (2) or 254 (unknown).
     */
    static final Map<String, String> SERVER_REJECTS = Map.of(
            "hdt3213-rdb/zipmap_big_len.rdb", "expected zipmap header 2 (the pair count) or 254, found 255");

    /** Every .rdb file in both corpus folders, then the generated fixtures of src/test/resources/rdb. */
    static List<Path> all() {
        return Stream.concat(dev.caravan.testing.Corpus.rdbFiles().stream(),
                dev.caravan.testing.Corpus.rdbFilesUnder(fixtures()).stream()).toList();
    }

    /** {@link #all()} but the files the server refuses. */
    static List<Path> files() {
        return all().stream().filter(p -> !SERVER_REJECTS.containsKey(name(p))).toList();
    }

    /** Fixtures made by src/test/resources/rdb/make-fixtures.sh. */
    static Path fixtures() {
        try {
            return Path.of(Corpus.class.getResource("/rdb/make-fixtures.sh").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String name(Path p) {
        return p.getParent().getFileName() + "/" + p.getFileName(); // fixtures show as rdb/...
    }

    /** The RDB version from the header digits. */
    static int version(byte[] rdb) {
        return rdb[0] == 'V' ? Integer.parseInt(new String(rdb, 6, 3)) : Integer.parseInt(new String(rdb, 5, 4));
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An input stream that returns at most {@code chunk} bytes per read, to exercise refills. */
    static InputStream trickle(byte[] data, int chunk) {
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= data.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, chunk), data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
