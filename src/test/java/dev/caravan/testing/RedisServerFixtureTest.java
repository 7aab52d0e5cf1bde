package dev.caravan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class RedisServerFixtureTest {

    @Test
    void startsOnAFreePortAndStopsWithItsFolder() {
        Path dir;
        try (RedisServerFixture a = RedisServerFixture.start(); RedisServerFixture b = RedisServerFixture.start()) {
            assertThat(a.port()).isNotEqualTo(b.port());
            a.call("SET", "k", "v");
            assertThat(a.dbsize(0)).isEqualTo(1);
            assertThat(b.dbsize(0)).isZero();
            assertThat(a.digest()).isNotEqualTo(b.digest());
            dir = a.dir();
            assertThat(dir).isDirectory();
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void loadsAnRdbAtStartUp() {
        try (RedisServerFixture source = RedisServerFixture.start()) {
            source.call("HSET", "h", "f", "v");
            source.call("SET", "s", "x", "PX", "600000");
            Path rdb = source.save();
            try (RedisServerFixture copy = RedisServerFixture.start(rdb)) {
                assertThat(copy.digest()).isEqualTo(source.digest());
            }
        }
    }

    @Test
    void redisCheckRdbAcceptsASavedFileAndRefusesATruncatedOne() throws Exception {
        try (RedisServerFixture server = RedisServerFixture.start()) {
            server.call("SET", "k", "v");
            Path rdb = server.save();
            assertThat(RedisServerFixture.checkRdb(rdb).ok()).isTrue();
            byte[] bytes = Files.readAllBytes(rdb);
            Path truncated = server.dir().resolve("truncated.rdb");
            Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 3));
            assertThat(RedisServerFixture.checkRdb(truncated).ok()).isFalse();
        }
    }

    @Test
    void theEmbeddedBinaryRunsWhenNothingElseIsThere() {
        Path embedded = RedisServerFixture.extractEmbeddedBinary();
        assertThat(RedisServerFixture.majorVersion(embedded)).isEqualTo(6);
    }

    @Test
    void mapsServerVersionsToRdbVersions() {
        assertThat(RedisServerFixture.rdbVersionOf("6.2.6")).isEqualTo(9);
        assertThat(RedisServerFixture.rdbVersionOf("7.0.15")).isEqualTo(10);
        assertThat(RedisServerFixture.rdbVersionOf("7.2.4")).isEqualTo(11);
        assertThat(RedisServerFixture.rdbVersionOf("7.4.1")).isEqualTo(12);
    }
}
