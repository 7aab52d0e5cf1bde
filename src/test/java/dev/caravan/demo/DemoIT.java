package dev.caravan.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.caravan.archive.Manifest;
import dev.caravan.archive.ManifestFile;
import dev.caravan.archive.ManifestReader;
import dev.caravan.rdb.RdbParser;
import dev.caravan.rdb.ValidateVisitor;
import dev.caravan.testing.RedisServerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, minus the build: {@link Demo} running the packaged jar. Never
 * against the machine's own localhost:6379: the probe goes to a port of the test's choosing.
 */
class DemoIT {

    private static final Pattern ID = Pattern.compile("backup (\\d{8}T\\d{6}Z-[0-9a-f]{4}) of source main");
    private static final Pattern THROWAWAY = Pattern.compile("stands in on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void withNothingOnThePortAThrowawayServerSeededWithTheSampleIsBackedUpThenStopped() throws Exception {
        // The fresh-machine case: the redis-server that the embedded-redis artifact ships (6.2).
        Path embedded = RedisServerFixture.extractEmbeddedBinary();
        Demo.Outcome outcome = Demo.run(options(new InetSocketAddress("127.0.0.1", unusedPort()), embedded));

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(outcome.exitCode()).as(out).isZero();
        assertThat(outcome.throwaway()).isTrue();
        assertThat(out).contains("nothing answers on 127.0.0.1:", "throwaway redis-server 6.2.",
                "seeded by the 16 commands of samples/redis-7.0-sample.redis");
        Matcher port = THROWAWAY.matcher(out);
        assertThat(port.find()).as(out).isTrue();
        assertThat(out).contains("of source main (redis://127.0.0.1:" + port.group(1) + ", Redis 6.2.");
        Matcher id = ID.matcher(out);
        assertThat(id.find()).as(out).isTrue();
        Path folder = tmp.resolve("backups").resolve("main").resolve(id.group(1));
        assertThat(outcome.backup()).isEqualTo(folder);
        assertThat(out).contains("OK    local: " + folder + " (1 attempt)", "policy all, 1 of 1 copies",
                "demo: the backup is in " + folder + ":", "manifest.json", "standalone.rdb.zst");

        // The archive holds what the sample RDB (written by Redis 7.0 from the same script) holds.
        Map<Integer, Map<String, ValidateVisitor.Counts>> sample = countsOf(Path.of("samples", "redis-7.0-sample.rdb"));
        Manifest manifest = ManifestReader.read(Files.readAllBytes(folder.resolve("manifest.json")));
        ManifestFile file = manifest.files().get(0);
        assertThat(file.databases()).extracting(ManifestFile.DatabaseKeys::db)
                .containsExactlyElementsOf(sample.keySet());
        for (ManifestFile.DatabaseKeys db : file.databases()) {
            Map<String, Long> expected = new TreeMap<>();
            long expiring = 0;
            for (Map.Entry<String, ValidateVisitor.Counts> type : sample.get(db.db()).entrySet()) {
                expected.put(type.getKey(), type.getValue().keys());
                expiring += type.getValue().expiringKeys();
            }
            assertThat(db.keysByType()).as("db%d", db.db()).isEqualTo(expected);
            assertThat(db.expiringKeys()).as("db%d expiring", db.db()).isEqualTo(expiring);
            assertThat(out).contains("  db" + db.db() + ": " + db.keys() + " keys (" + expiring + " expiring)");
        }
        assertThat(Files.size(folder.resolve(file.file()))).isEqualTo(file.size());

        // Stopped afterwards: nothing answers on its port any more.
        assertThat(Demo.answersAsRedis(new InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1))))).isFalse();
    }

    @Test
    void aRedisThatAnswersIsBackedUpAsItIsAndNoThrowawayStarts() throws Exception {
        try (RedisServerFixture local = RedisServerFixture.start("--repl-diskless-sync-delay", "0")) {
            Demo.Outcome outcome = Demo.run(options(new InetSocketAddress("127.0.0.1", local.port()), null));

            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(outcome.exitCode()).as(out).isZero();
            assertThat(outcome.throwaway()).isFalse();
            assertThat(out).contains("a Redis answers on 127.0.0.1:" + local.port() + ": backing it up",
                    "of source main (redis://127.0.0.1:" + local.port() + ", Redis " + local.version(),
                    "  no keys", "policy all, 1 of 1 copies").doesNotContain("throwaway");
            assertThat(outcome.backup().resolve("manifest.json")).isRegularFile();
            assertThat(ManifestReader.read(Files.readAllBytes(outcome.backup().resolve("manifest.json")))
                    .files().get(0).databases()).isEmpty();
        }
    }

    @Test
    void aRedisThatWantsAPasswordIsNotSwappedForAThrowawayOne() throws Exception {
        try (RedisServerFixture local = RedisServerFixture.start()) {
            local.call("CONFIG", "SET", "requirepass", "demo-secret");
            Demo.Outcome outcome = Demo.run(options(new InetSocketAddress("127.0.0.1", local.port()), null));

            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(outcome.exitCode()).as(out).isEqualTo(3);
            assertThat(outcome.throwaway()).isFalse();
            assertThat(outcome.backup()).isNull();
            assertThat(out).contains("a Redis answers on 127.0.0.1:" + local.port(), "CARAVAN_SOURCES_MAIN_URI")
                    .doesNotContain("throwaway");
            assertThat(tmp.resolve("backups").resolve("main")).doesNotExist();
        }
    }

    private Demo.Options options(InetSocketAddress probe, Path redisServer) {
        return new Demo.Options(probe, redisServer, Path.of("").toAbsolutePath(),
                Map.of("CARAVAN_DESTINATIONS_LOCAL_PATH", tmp.resolve("backups").toString(),
                        "CARAVAN_BACKUP_STAGING_DIR", tmp.resolve("staging").toString()),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private static Map<Integer, Map<String, ValidateVisitor.Counts>> countsOf(Path rdb) throws IOException {
        ValidateVisitor counts = new ValidateVisitor();
        try (InputStream in = Files.newInputStream(rdb)) {
            new RdbParser(in).parse(counts);
        }
        return new TreeMap<>(counts.perDbAndFamily());
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
