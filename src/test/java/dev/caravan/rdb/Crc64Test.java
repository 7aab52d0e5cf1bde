package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64Test {

    @Test
    void knownVector() {
        assertThat(Crc64.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xe9c6d914c4b8d9caL);
        assertThat(Crc64.of(new byte[0])).isZero();
    }

    @Test
    void incrementalEqualsOneShotAtEverySplit() {
        byte[] data = new byte[300];
        new Random(42).nextBytes(data);
        long whole = Crc64.of(data);
        for (int split = 0; split <= data.length; split++) {
            long crc = Crc64.update(0, data, 0, split);
            assertThat(Crc64.update(crc, data, split, data.length - split)).as("split %d", split).isEqualTo(whole);
        }
        long bytewise = 0;
        for (byte b : data) {
            bytewise = Crc64.update(bytewise, b & 0xff);
        }
        assertThat(bytewise).isEqualTo(whole);
    }

    @Test
    void matchesTheChecksumStoredInEveryCorpusFile() {
        int checked = 0;
        for (Path p : Corpus.files()) {
            byte[] rdb = Corpus.bytes(p);
            int version = Corpus.version(rdb);
            int end = rdb.length;
            if (Corpus.name(p).endsWith("redis_40_with_module.rdb")) {
                end -= 40; // diskless-replication EOF mark after the checksum
            }
            long stored = 0;
            for (int i = 7; i >= 0; i--) {
                stored = (stored << 8) | (rdb[end - 8 + i] & 0xff);
            }
            if (version < 5 || stored == 0) {
                continue;
            }
            assertThat(Crc64.update(0, rdb, 0, end - 8)).as(Corpus.name(p)).isEqualTo(stored);
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }
}
