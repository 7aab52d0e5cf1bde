package dev.caravan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared RDB corpus beside the checkout ({@code ../shared/rdb-corpus}, or {@code -Drdb.corpus.dir}). */
public final class Corpus {

    private Corpus() {
    }

    public static Path dir() {
        Path dir = Path.of(System.getProperty("rdb.corpus.dir", "../shared/rdb-corpus"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the RDB corpus is missing at " + dir.toAbsolutePath()
                    + ": it ships in shared/ beside the checkout (or set -Drdb.corpus.dir)");
        }
        return dir;
    }

    /** Every {@code .rdb} file of the corpus, sorted by path. */
    public static List<Path> rdbFiles() {
        List<Path> rdbs = rdbFilesUnder(dir());
        if (rdbs.isEmpty()) {
            throw new IllegalStateException("no .rdb files under " + dir());
        }
        return rdbs;
    }

    /** Every {@code .rdb} file below {@code folder}, sorted by path. */
    public static List<Path> rdbFilesUnder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".rdb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
