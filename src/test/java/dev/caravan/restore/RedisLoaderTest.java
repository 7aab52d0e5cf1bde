package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.rdb.RdbRecord;
import dev.caravan.rdb.RdbWriter;
import dev.caravan.redis.RedisUri;
import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the RDB that a real redis-server saved (every type and encoding, dbs 0, 1 and 5, TTLs)
 * into fresh servers and compares key by key and with DEBUG DIGEST: the whole dataset, filtered,
 * remapped, in each mode, as a dry run, and with expired keys.
 */
class RedisLoaderTest {

    private static RedisServerFixture source;
    private static Path dump;
    private static int keys;

    @TempDir
    Path tmp;

    @BeforeAll
    static void seed() throws IOException {
        source = RedisServerFixture.start();
        keys = Datasets.seedEveryType(source);
        dump = Files.createTempFile("caravan-loader-", ".rdb");
        Files.copy(source.save(), dump, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterAll
    static void stop() throws IOException {
        source.close();
        Files.deleteIfExists(dump);
    }

    private LoadReport load(RedisServerFixture target, LoadOptions options, LoadCounters counters) throws IOException {
        return new RedisLoader().load(dump, RedisUri.parse(target.uri()), options, counters);
    }

    private LoadReport load(RedisServerFixture target, LoadOptions options) throws IOException {
        return load(target, options, new LoadCounters());
    }

    @Test
    void theWholeDatasetArrivesKeyByKey() throws IOException {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            LoadCounters counters = new LoadCounters();
            LoadReport report = load(target, LoadOptions.defaults().withWindow(64), counters);

            assertThat(target.digest()).isEqualTo(source.digest());
            for (int db : List.of(0, 1, 5)) {
                Keyspaces.assertSame(source, db, target, db);
            }
            assertThat(report.restored()).isEqualTo(keys);
            assertThat(report.perTargetDb()).containsOnlyKeys(0, 1, 5);
            assertThat(report.perTargetDb().get(5).restored()).isEqualTo(200);
            assertThat(report.bytesRead()).isEqualTo(Files.size(dump));
            assertThat(report.failed()).isZero();
            assertThat(report.failures()).isEmpty();
            assertThat(report.targetVersion()).contains(target.version());
            assertThat(counters.restored()).isEqualTo(keys);
            LoadReport.KeyCheck check = report.check(manifestCounts(), RestoreFilter.all());
            assertThat(check.matches()).as(check.differences().toString()).isTrue();
            LoadReport.KeyCheck wrong = report.check(Map.of(0, source.dbsize(0) + 1, 1, source.dbsize(1),
                    5, source.dbsize(5)), RestoreFilter.all());
            assertThat(wrong.matches()).isFalse();
            assertThat(wrong.differences()).singleElement().asString().contains("db 0");
        }
    }

    @Test
    void filtersTakeDatabasesGlobsRegexAndTypesAndRemap() throws IOException {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreFilter filter = RestoreFilter.of(Set.of(1, 5), List.of(), null, Set.of(), Map.of(5, 2));
            LoadReport report = load(target, LoadOptions.defaults().withFilter(filter));
            assertThat(target.dbsize(0)).isZero();
            assertThat(target.dbsize(5)).isZero();
            Keyspaces.assertSame(source, 1, target, 1);
            Keyspaces.assertSame(source, 5, target, 2);
            assertThat(report.filteredOut()).isEqualTo(source.dbsize(0));
            assertThat(report.filteredPerSourceDb()).containsExactly(Map.entry(0, source.dbsize(0)));
            assertThat(report.check(manifestCounts(), filter).matches()).isTrue();
        }
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreFilter filter = RestoreFilter.of(Set.of(), List.of("db5:key:1?", "list:*"), null, Set.of(), Map.of());
            load(target, LoadOptions.defaults().withFilter(filter));
            assertThat(keyNames(target, 5)).hasSize(10).allMatch(k -> k.matches("db5:key:1\\d"));
            assertThat(keyNames(target, 0)).containsExactlyInAnyOrder("list:small", "list:big", "list:bigvalues");
        }
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreFilter filter = RestoreFilter.of(Set.of(), List.of(), "^(hash|zset):", Set.of("zset"), Map.of());
            load(target, LoadOptions.defaults().withFilter(filter));
            assertThat(keyNames(target, 0)).containsExactlyInAnyOrder("zset:listpack", "zset:skiplist", "zset:special");
            assertThat(target.dbsize(1) + target.dbsize(5)).isZero();
        }
    }

    @Test
    void skipExistingKeepsTheTargetsKeysAndReplaceOverwritesThem() throws IOException {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            target.call("SET", "string:raw", "the target's own");
            target.call("SET", "only:in:target", "stays");
            LoadReport report = load(target, LoadOptions.defaults().withMode(RestoreMode.SKIP_EXISTING));
            assertThat(RespConnection.text(target.call("GET", "string:raw"))).isEqualTo("the target's own");
            assertThat(report.skippedExisting()).isEqualTo(1);
            assertThat(report.restored()).isEqualTo(keys - 1);
            assertThat(report.check(manifestCounts(), RestoreFilter.all()).matches()).isTrue();

            load(target, LoadOptions.defaults().withMode(RestoreMode.REPLACE));
            assertThat(RespConnection.text(target.call("GET", "string:raw"))).isEqualTo("hello caravan");
            assertThat(RespConnection.text(target.call("GET", "only:in:target"))).isEqualTo("stays");
        }
    }

    @Test
    void flushFirstEmptiesTheDatabasesInScopeOnly() throws IOException {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            try (RespConnection c = target.connect()) {
                c.call("SET", "stale:0", "x");
                c.call("SELECT", "5");
                c.call("SET", "stale:5", "x");
                c.call("SELECT", "3");
                c.call("SET", "other:3", "kept");
            }
            RestoreFilter filter = RestoreFilter.of(Set.of(0, 5), List.of(), null, Set.of(), Map.of());
            load(target, LoadOptions.defaults().withMode(RestoreMode.FLUSH_FIRST).withFilter(filter));
            Keyspaces.assertSame(source, 0, target, 0);
            Keyspaces.assertSame(source, 5, target, 5);
            assertThat(target.dbsize(1)).isZero();
            assertThat(keyNames(target, 3)).containsExactly("other:3");
        }
    }

    @Test
    void aDryRunCountsAndWritesNothing() throws IOException {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            target.call("SET", "string:raw", "before");
            String before = target.digest();
            LoadReport report = load(target, LoadOptions.defaults().withDryRun(true).withMode(RestoreMode.FLUSH_FIRST));
            assertThat(target.digest()).isEqualTo(before);
            assertThat(report.dryRun()).isTrue();
            assertThat(report.restored()).isEqualTo(keys);
            assertThat(report.perTargetDb().get(1).restored()).isEqualTo(2);
        }
    }

    @Test
    void keysAlreadyExpiredAreSkippedAndCounted() throws IOException {
        byte[] payload = (byte[]) source.call("DUMP", "string:raw");
        Path rdb = tmp.resolve("expiring.rdb");
        long past = System.currentTimeMillis() - 60_000;
        long future = System.currentTimeMillis() + 3_600_000;
        try (OutputStream out = Files.newOutputStream(rdb)) {
            RdbWriter.writeAll(out, List.of(
                    RdbRecord.of(0, bytes("gone"), past, payload),
                    RdbRecord.of(0, bytes("alive"), future, payload),
                    RdbRecord.of(2, bytes("gone-too"), 1, payload),
                    RdbRecord.of(2, bytes("forever"), -1, payload)), Map.of());
        }
        try (RedisServerFixture target = RedisServerFixture.start()) {
            LoadReport report = new RedisLoader().load(rdb, RedisUri.parse(target.uri()), LoadOptions.defaults(),
                    new LoadCounters());
            assertThat(report.restored()).isEqualTo(2);
            assertThat(report.skippedExpired()).isEqualTo(2);
            assertThat(report.perTargetDb().get(2).skippedExpired()).isEqualTo(1);
            assertThat(keyNames(target, 0)).containsExactly("alive");
            assertThat(keyNames(target, 2)).containsExactly("forever");
            assertThat((Long) target.call("PEXPIRETIME", "alive")).isEqualTo(future);
            assertThat(report.check(Map.of(0, 2L, 2, 2L), RestoreFilter.all()).matches()).isTrue();
        }
    }

    @Test
    void aSmallWindowStillLoadsEverything() throws IOException {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            load(target, LoadOptions.defaults().withWindow(1));
            assertThat(target.digest()).isEqualTo(source.digest());
        }
    }

    @Test
    void functionLibrariesAreLoadedToo() throws IOException {
        String code = "#!lua name=caravanlib\nredis.register_function('echo_first', function(keys, args) return args[1] end)";
        try (RedisServerFixture withFunctions = RedisServerFixture.start(); RedisServerFixture target = RedisServerFixture.start()) {
            withFunctions.call("FUNCTION", "LOAD", code);
            withFunctions.call("SET", "k", "v");
            Path rdb = withFunctions.save();
            LoadReport report = new RedisLoader().load(rdb, RedisUri.parse(target.uri()), LoadOptions.defaults(),
                    new LoadCounters());
            assertThat(report.functions()).isEqualTo(1);
            assertThat(report.failures()).isEmpty();
            assertThat(RespConnection.text(target.call("FCALL", "echo_first", "0", "hello"))).isEqualTo("hello");

            report = new RedisLoader().load(rdb, RedisUri.parse(target.uri()),
                    LoadOptions.defaults().withMode(RestoreMode.SKIP_EXISTING), new LoadCounters());
            assertThat(report.failures()).isEmpty();
            assertThat(report.skippedExisting()).isEqualTo(1);
        }
    }

    private static Map<Integer, Long> manifestCounts() {
        return Map.of(0, source.dbsize(0), 1, source.dbsize(1), 5, source.dbsize(5));
    }

    private static List<String> keyNames(RedisServerFixture server, int db) {
        return Keyspaces.keys(server, db).stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
