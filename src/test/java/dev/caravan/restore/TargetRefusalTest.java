package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.caravan.rdb.RdbRecord;
import dev.caravan.rdb.RdbWriter;
import dev.caravan.redis.RedisUri;
import dev.caravan.testing.CuttingProxy;
import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Targets that cannot take a backup are refused before anything is written, with a message that
 * names what is wrong and never a password: a server too old for the payloads, too few databases,
 * a bulk limit below the largest payload, wrong credentials, nobody listening.
 */
class TargetRefusalTest {

    private static final String EMPTY = "0000000000000000000000000000000000000000";

    private static RedisServerFixture source;
    private static Path dump;

    @TempDir
    Path tmp;

    @BeforeAll
    static void seed() throws IOException {
        source = RedisServerFixture.start();
        Datasets.seedEveryType(source);
        dump = Files.createTempFile("caravan-refusal-", ".rdb");
        Files.copy(source.save(), dump, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterAll
    static void stop() throws IOException {
        source.close();
        Files.deleteIfExists(dump);
    }

    @Test
    void aServerThatCannotReadTheNewerEncodingsIsRefused() {
        int sourceRdb = source.rdbVersion();
        try (RedisServerFixture old = RedisServerFixture.startUsing(RedisServerFixture.extractEmbeddedBinary(), null)) {
            assertThat(old.rdbVersion()).as("the embedded Redis must be older than the one on PATH").isLessThan(sourceRdb);
            RestoreRefusedException e = refusal(() -> load(old, LoadOptions.defaults()));
            assertThat(e.reason()).isEqualTo(RestoreRefusedException.Reason.TARGET_INCOMPATIBLE);
            assertThat(e.getMessage()).contains("needs RDB version " + sourceRdb, "redis " + old.version(),
                    "loads RDB " + old.rdbVersion() + " at most", "encoded as");
            assertThat(old.digest()).isEqualTo(EMPTY);

            // what the old server can read passes: plain strings of db 5
            RestoreFilter strings = RestoreFilter.of(Set.of(5), List.of(), null, Set.of("string"), Map.of());
            LoadReport report = load(old, LoadOptions.defaults().withFilter(strings));
            assertThat(report.restored()).isEqualTo(200);
            Keyspaces.assertSame(source, 5, old, 5);
        }
    }

    @Test
    void aDatabaseTheTargetLacksIsRefusedUnlessRemapped() {
        try (RedisServerFixture target = RedisServerFixture.start("--databases", "4")) {
            RestoreRefusedException e = refusal(() -> load(target, LoadOptions.defaults()));
            assertThat(e.reason()).isEqualTo(RestoreRefusedException.Reason.TARGET_INCOMPATIBLE);
            assertThat(e.getMessage()).contains("database 5", "has 4");
            assertThat(target.digest()).isEqualTo(EMPTY);

            RestoreFilter remap = RestoreFilter.of(Set.of(), List.of(), null, Set.of(), Map.of(5, 3));
            load(target, LoadOptions.defaults().withFilter(remap));
            Keyspaces.assertSame(source, 5, target, 3);
        }
    }

    @Test
    void aPayloadAboveTheBulkLimitIsRefusedNamingKeyAndSizes() throws IOException {
        byte[] value = new byte[1_500_000];
        new Random(7).nextBytes(value);
        source.call("SET", "big:one", value);
        byte[] payload = (byte[]) source.call("DUMP", "big:one");
        source.call("DEL", "big:one");
        Path rdb = tmp.resolve("big.rdb");
        try (OutputStream out = Files.newOutputStream(rdb)) {
            RdbWriter.writeAll(out, List.of(RdbRecord.of(0, "big:one".getBytes(StandardCharsets.UTF_8), -1, payload)),
                    Map.of());
        }
        try (RedisServerFixture target = RedisServerFixture.start("--proto-max-bulk-len", "1mb")) {
            RestoreRefusedException e = refusal(() -> new RedisLoader().load(rdb, RedisUri.parse(target.uri()),
                    LoadOptions.defaults(), new LoadCounters()));
            assertThat(e.reason()).isEqualTo(RestoreRefusedException.Reason.TARGET_INCOMPATIBLE);
            assertThat(e.getMessage()).contains("\"big:one\"", payload.length + " bytes", "1048576");
            assertThat(target.digest()).isEqualTo(EMPTY);
        }
    }

    @Test
    void aClusterNodeIsRefused() {
        // a relative nodes.conf lands in the server's own folder, which the fixture removes
        try (RedisServerFixture node = RedisServerFixture.start("--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf")) {
            TargetInfo info = new TargetProbe().probe(RedisUri.parse(node.uri()));
            assertThat(info.cluster()).isTrue();
            RestoreRefusedException e = refusal(() -> load(node, LoadOptions.defaults()));
            assertThat(e.reason()).isEqualTo(RestoreRefusedException.Reason.TARGET_INCOMPATIBLE);
            assertThat(e.getMessage()).contains("Redis Cluster");
        }
    }

    @Test
    void aTargetThatRunsOutOfMemoryStopsTheLoad() throws IOException {
        try (RedisServerFixture target = RedisServerFixture.start("--maxmemory", "1500kb",
                "--maxmemory-policy", "noeviction")) {
            RedisUri uri = RedisUri.parse(target.uri());
            for (int big = 0; big < 20; big++) {
                target.call("SET", "filler:" + big, "x".repeat(50_000));
            }
            RestoreRefusedException e = refusal(() -> new RedisLoader().load(dump, uri, LoadOptions.defaults().withWindow(4),
                    new LoadCounters()));
            assertThat(e.reason()).isEqualTo(RestoreRefusedException.Reason.TARGET_FAILED);
            assertThat(e.getMessage()).contains("OOM", "keys sent before this point are in the target");
            assertThat(RespConnection.text(target.call("PING"))).isEqualTo("PONG");
        }
    }

    @Test
    void withoutConfigTheLimitIsAssumedAndDatabasesAreProbed() {
        try (RedisServerFixture target = RedisServerFixture.start("--databases", "7", "--rename-command", "CONFIG", "")) {
            TargetInfo info = new TargetProbe().probe(RedisUri.parse(target.uri()));
            assertThat(info.databases()).isEqualTo(7);
            assertThat(info.bulkLimitAssumed()).isTrue();
            assertThat(info.protoMaxBulkLen()).isEqualTo(512L * 1024 * 1024);
            assertThat(info.version()).isEqualTo(target.version());
            assertThat(info.maxRdbVersion()).isEqualTo(target.rdbVersion());
            assertThat(info.cluster()).isFalse();
        }
    }

    @Test
    void wrongCredentialsAndMissingServersAreUnavailableWithoutTheSecret() throws IOException {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            target.call("ACL", "SETUSER", "loader", "on", ">loader-Pw-9", "+@all", "~*");
            target.call("CONFIG", "SET", "requirepass", "s3cret-of-the-target");
            String base = "127.0.0.1:" + target.port();
            for (String uri : List.of("redis://:Wr0ng-Passw0rd@" + base, "redis://nobody:Wr0ng-Passw0rd@" + base,
                    "redis://loader:Wr0ng-Passw0rd@" + base, "redis://" + base)) {
                RestoreRefusedException e = refusal(() -> new RedisLoader().load(dump, RedisUri.parse(uri),
                        LoadOptions.defaults(), new LoadCounters()));
                assertThat(e.reason()).as(uri).isEqualTo(RestoreRefusedException.Reason.TARGET_UNAVAILABLE);
                assertThat(e.getMessage()).as(uri).contains(base).doesNotContain("Wr0ng-Passw0rd", "s3cret");
            }
            assertThat(refusal(() -> new RedisLoader().load(dump, RedisUri.parse("redis://" + base),
                    LoadOptions.defaults(), new LoadCounters())).getMessage()).contains("requires a password");
            for (String uri : List.of("redis://:s3cret-of-the-target@" + base, "redis://loader:loader-Pw-9@" + base)) {
                LoadReport report = new RedisLoader().load(dump, RedisUri.parse(uri), LoadOptions.defaults(),
                        new LoadCounters());
                assertThat(report.failed()).isZero();
                assertThat(report.restored()).isEqualTo(report.perTargetDb().values().stream()
                        .mapToLong(LoadReport.DbCounts::restored).sum()).isGreaterThan(200);
            }
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        RestoreRefusedException e = refusal(() -> new RedisLoader().load(dump,
                RedisUri.parse("redis://:Wr0ng-Passw0rd@127.0.0.1:" + closed), LoadOptions.defaults(), new LoadCounters()));
        assertThat(e.reason()).isEqualTo(RestoreRefusedException.Reason.TARGET_UNAVAILABLE);
        assertThat(e.getMessage()).contains("127.0.0.1:" + closed).doesNotContain("Wr0ng-Passw0rd");
    }

    @Test
    void aTargetThatDropsTheConnectionWhileLoadingStopsItAsTargetFailed() throws Exception {
        // 30 MB of RESTOREs, more than the sockets buffer: held back after 4 MB, the loader is
        // blocked in a write when the connection is reset, not only its reply reader
        Path wide = tmp.resolve("wide.rdb");
        try (RedisServerFixture wideSource = RedisServerFixture.start()) {
            Random random = new Random(11);
            for (int i = 0; i < 300; i++) {
                byte[] value = new byte[100_000];
                random.nextBytes(value);
                wideSource.call("SET", "wide:" + i, value);
            }
            Files.copy(wideSource.save(), wide);
        }
        try (RedisServerFixture target = RedisServerFixture.start();
             CuttingProxy drop = new CuttingProxy(target.port(), 4L << 20, CuttingProxy.After.STALL,
                     CuttingProxy.Side.CLIENT)) {
            LoadCounters counters = new LoadCounters();
            CompletableFuture<LoadReport> load = CompletableFuture.supplyAsync(() -> {
                try {
                    return new RedisLoader().load(wide, drop.uri(), LoadOptions.defaults(), counters);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            for (int i = 0; i < 3000 && !drop.reached(); i++) {
                Thread.sleep(10);
            }
            assertThat(drop.reached()).as("the loader wrote 4 MB").isTrue();
            Thread.sleep(300);
            drop.close();

            Throwable thrown = catchThrowable(() -> load.get(60, TimeUnit.SECONDS));
            assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RestoreRefusedException.class);
            RestoreRefusedException e = (RestoreRefusedException) thrown.getCause();
            assertThat(e.reason()).isEqualTo(RestoreRefusedException.Reason.TARGET_FAILED);
            assertThat(e.getMessage()).contains("to the target failed", "keys sent before it are in the target");
            assertThat(target.dbsize(0)).isLessThan(300).isGreaterThanOrEqualTo(counters.restored());
        }
    }

    private LoadReport load(RedisServerFixture target, LoadOptions options) {
        try {
            return new RedisLoader().load(dump, RedisUri.parse(target.uri()), options, new LoadCounters());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    interface Load {
        void run() throws IOException;
    }

    private static RestoreRefusedException refusal(Load load) {
        return catchThrowableOfType(RestoreRefusedException.class, load::run);
    }
}
