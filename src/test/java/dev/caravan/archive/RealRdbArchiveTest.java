package dev.caravan.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN §4 with the real tools: an RDB that redis-server wrote, staged with each codec and
 * decompressed by the format's own CLI, passes redis-check-rdb and loads into redis-server with
 * the same DEBUG DIGEST.
 */
class RealRdbArchiveTest {

    private static Path rdb;
    private static String digest;
    private static RedisServerFixture source;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeAnRdb() {
        source = RedisServerFixture.start();
        source.call("DEBUG", "POPULATE", "20000", "text", "64");
        Random random = new Random(12);
        try (RespConnection c = source.connect()) {
            for (int i = 0; i < 2000; i++) {
                byte[] blob = new byte[random.nextInt(3000)];
                random.nextBytes(blob);
                c.queue("SET", "blob:" + i, blob);
                c.queue("HSET", "user:" + i, "name", "n" + i, "score", Integer.toString(random.nextInt()));
                c.queue("RPUSH", "list:" + (i % 50), Long.toString(random.nextLong()));
                c.queue("ZADD", "rank", Integer.toString(i), "m" + i);
                c.queue("PEXPIRE", "blob:" + i, "86400000");
            }
            c.queue("XADD", "events", "*", "kind", "backup");
            c.flush();
            for (int i = 0; i < 2000 * 5 + 1; i++) {
                assertThat(c.read()).isNotInstanceOf(RespConnection.RedisError.class);
            }
        }
        digest = source.digest();
        rdb = source.save();
    }

    @AfterAll
    static void stop() {
        source.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "gzip", "zip", "none"})
    void decompressedByTheFormatsToolItIsTheSameRdb(String name) throws Exception {
        Codec codec = Codecs.standard().byName(name);
        String fileName = ArchiveLayout.archiveFileName("shard-0", codec);
        try (StagingWriter writer = StagingWriter.open(dir, fileName, codec, ArchiveLayout.rdbFileName("shard-0"));
                InputStream in = Files.newInputStream(rdb)) {
            in.transferTo(writer);
            writer.commit();
        }
        switch (name) {
            case "zstd" -> Tools.run(dir, "zstd", "-q", "-d", fileName);
            case "gzip" -> Tools.run(dir, "gunzip", fileName);
            case "zip" -> Tools.run(dir, "unzip", "-q", fileName);
            default -> assertThat(fileName).isEqualTo("shard-0.rdb");
        }
        Path restored = dir.resolve("shard-0.rdb");
        assertThat(Files.mismatch(restored, rdb)).isEqualTo(-1L);
        Tools.run(dir, "redis-check-rdb", restored.toString());
        try (RedisServerFixture loaded = RedisServerFixture.start(restored)) {
            assertThat(loaded.digest()).isEqualTo(digest);
        }
    }
}
