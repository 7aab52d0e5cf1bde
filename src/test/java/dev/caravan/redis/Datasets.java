package dev.caravan.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Seeds servers with a varied dataset and checks pulled snapshots against them. */
final class Datasets {

    private Datasets() {
    }

    /**
     * Several types in several databases, keys with TTLs and one incompressible value of a few MB, so that a
     * snapshot spans many TCP reads.
     */
    static void seed(RedisServerFixture server) {
        try (RespConnection c = server.connect()) {
            for (int db = 0; db < 3; db++) {
                c.call("SELECT", Integer.toString(db));
                c.call("SET", "string:" + db, "value in db " + db);
                c.call("SET", "counter:" + db, Integer.toString(1000 + db));
                c.call("HSET", "hash:" + db, "f1", "v1", "f2", "v2", "f3", Integer.toString(db));
                c.call("RPUSH", "list:" + db, "a", "b", "c", "d");
                c.call("SADD", "set:" + db, "x", "y", "z", "1", "2");
                c.call("ZADD", "zset:" + db, "1.5", "one", "2.5", "two", "-3", "three");
                c.call("XADD", "stream:" + db, "*", "field", "value");
                c.call("SET", "ttl:" + db, "expires later", "EX", "3600");
                c.call("HSET", "ttlhash:" + db, "a", "b");
                c.call("PEXPIRE", "ttlhash:" + db, "7200000");
            }
            c.call("SELECT", "0");
            byte[] big = new byte[4 << 20];
            new java.util.Random(42).nextBytes(big);
            c.call("SET", "big", big);
            c.call("DEBUG", "POPULATE", "20000", "pop", "64");
        }
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

    static void assertCheckRdbAccepts(Path rdb) throws Exception {
        Process check = new ProcessBuilder("redis-check-rdb", rdb.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("RDB looks OK");
    }

    /** A field of {@code INFO replication}. */
    static String replicationInfo(RedisServerFixture server, String field) {
        return server.info("replication").lines()
                .filter(l -> l.startsWith(field + ":"))
                .map(l -> l.substring(field.length() + 1).trim())
                .findFirst().orElseThrow();
    }
}
