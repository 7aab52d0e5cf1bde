package dev.caravan.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads pulled snapshots to their end and checks them against the server they came from. */
final class PulledSnapshots {

    private PulledSnapshots() {
    }

    /** Reads the snapshot's payload to its end into {@code file}. */
    static Path drain(Snapshot snapshot, Path file) throws IOException {
        try (InputStream in = snapshot.payload()) {
            Files.copy(in, file);
        }
        assertThat(snapshot.complete()).isTrue();
        assertThat(snapshot.bytesRead()).isEqualTo(Files.size(file));
        return file;
    }

    /**
     * A pulled file is a valid RDB of the source's dataset: it starts with the magic, ends with the
     * EOF opcode and its 8-byte checksum (so no byte of a diskless end mark slipped through), loads,
     * and has the same digest.
     */
    static void assertSameDataset(Path rdb, RedisServerFixture source) throws Exception {
        byte[] bytes = Files.readAllBytes(rdb);
        assertThat(new String(Arrays.copyOf(bytes, 5), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("REDIS");
        assertThat(bytes[bytes.length - 9]).as("EOF opcode before the checksum").isEqualTo((byte) 0xFF);
        try (RedisServerFixture copy = RedisServerFixture.start(rdb)) {
            assertThat(copy.digest()).isEqualTo(source.digest());
            assertThat(copy.dbsize(1)).isEqualTo(source.dbsize(1));
        }
        assertCheckRdbAccepts(rdb);
    }

    static void assertCheckRdbAccepts(Path rdb) {
        RedisServerFixture.CheckResult check = RedisServerFixture.checkRdb(rdb);
        assertThat(check.ok()).as(check.output()).isTrue();
        assertThat(check.output()).contains("RDB looks OK");
    }

    /** A field of {@code INFO replication}. */
    static String replicationInfo(RedisServerFixture server, String field) {
        return server.info("replication").lines()
                .filter(l -> l.startsWith(field + ":"))
                .map(l -> l.substring(field.length() + 1).trim())
                .findFirst().orElseThrow();
    }
}
