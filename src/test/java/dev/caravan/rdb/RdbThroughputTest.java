package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the hand-run measurement working; measures nothing. */
class RdbThroughputTest {

    @Test
    void generatesAndMeasuresATinyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mixed.rdb");
        RdbThroughput.main(new String[] {file.toString(), "1", "1"});
        assertThat(Files.size(file)).isGreaterThan(1 << 20);
    }
}
