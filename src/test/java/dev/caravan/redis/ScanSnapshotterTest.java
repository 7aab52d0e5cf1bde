package dev.caravan.redis;

import static dev.caravan.redis.PulledSnapshots.assertCheckRdbAccepts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.caravan.rdb.RdbParser;
import dev.caravan.rdb.RdbSummary;
import dev.caravan.rdb.ValidateVisitor;
import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scan mode against a real redis-server: the RDB it writes loads into a fresh server with the
 * source's digest; keys deleted between SCAN and DUMP are skipped and counted; passwords, ACL users
 * with only the scan commands, and the same errors as the replication client.
 */
class ScanSnapshotterTest {

    private static final String PASSWORD = "scan-pw-R4t";
    private static final String WRONG_PASSWORD = "wrong-pw-K2z";

    private static RedisServerFixture server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = RedisServerFixture.start();
        Datasets.seedEveryType(server);
        Datasets.seedBulk(server, 20_000, 4 << 20);
        server.call("ACL", "SETUSER", "scanner", "on", ">" + PASSWORD, "~*", "+info", "+scan", "+pttl", "+dump",
                "+select");
        server.call("ACL", "SETUSER", "nodump", "on", ">" + PASSWORD, "~*", "+info", "+scan", "+pttl", "+select");
        server.call("ACL", "SETUSER", "nopsync", "on", ">" + PASSWORD, "~*", "+@all", "-psync");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void theRdbOfAScanLoadsIntoTheSourcesDataset() throws Exception {
        ScanSnapshot snapshot = new ScanSnapshotter(PullOptions.defaults(), 100, 64).scan(uri(""));
        Path rdb = drain(snapshot, dir.resolve("scan.rdb"));

        long total = server.dbsize(0) + server.dbsize(1) + server.dbsize(5);
        assertThat(snapshot.keys()).isEqualTo(total);
        assertThat(snapshot.vanishedKeys()).isZero();
        assertThat(snapshot.redisVersion()).isEqualTo(server.version());
        assertThat(snapshot.rdbVersion()).isEqualTo(server.rdbVersion());
        assertSameDataset(rdb);
        RdbSummary summary;
        ValidateVisitor stats = new ValidateVisitor();
        try (InputStream in = Files.newInputStream(rdb)) {
            summary = new RdbParser(in).parse(stats);
        }
        assertThat(summary.version()).isEqualTo(server.rdbVersion());
        assertThat(stats.aux()).containsEntry("redis-ver", server.version());
        assertThat(stats.perDb().keySet()).containsExactly(0, 1, 5);
        assertThat(stats.perDb().get(0).expiringKeys()).isEqualTo(3);
    }

    @Test
    void keysDeletedBetweenScanAndDumpAreSkippedAndCounted() throws Exception {
        try (RedisServerFixture changing = RedisServerFixture.start()) {
            Datasets.seedEveryType(changing);
            Datasets.seedBulk(changing, 5_000, 1000);
            long before = changing.dbsize(0) + changing.dbsize(1) + changing.dbsize(5);
            AtomicInteger deleted = new AtomicInteger();
            try (RespConnection other = changing.connect()) {
                // After each page SCAN returns, another client deletes its first key in db 0 and,
                // once, a key of db 5 that SCAN has returned: they are gone by their PTTL and DUMP.
                ScanSnapshotter scanner = new ScanSnapshotter(PullOptions.defaults(), 200, 32, (db, keys) -> {
                    if (!keys.isEmpty() && (db == 0 || deleted.get() == 0)) {
                        other.call("SELECT", Integer.toString(db));
                        assertThat(other.call("DEL", keys.get(0))).isEqualTo(1L);
                        deleted.incrementAndGet();
                    }
                });
                ScanSnapshot snapshot = scanner.scan(RedisUri.parse(changing.uri()));
                Path rdb = drain(snapshot, dir.resolve("vanished.rdb"));

                assertThat(deleted.get()).isGreaterThan(10);
                assertThat(snapshot.vanishedKeys()).isEqualTo(deleted.get());
                assertThat(snapshot.keys()).isEqualTo(before - deleted.get());
                try (RedisServerFixture copy = RedisServerFixture.start(rdb)) {
                    assertThat(copy.digest()).isEqualTo(changing.digest());
                }
            }
        }
    }

    @Test
    void anEmptyServerGivesAnEmptyRdbThatLoads() throws Exception {
        try (RedisServerFixture empty = RedisServerFixture.start()) {
            ScanSnapshot snapshot = new ScanSnapshotter().scan(RedisUri.parse(empty.uri()));
            Path rdb = drain(snapshot, dir.resolve("empty.rdb"));
            assertThat(snapshot.keys()).isZero();
            assertCheckRdbAccepts(rdb);
            try (RedisServerFixture copy = RedisServerFixture.start(rdb)) {
                assertThat(copy.dbsize(0)).isZero();
            }
        }
    }

    @Test
    void anAclUserWithOnlyTheScanCommands() throws Exception {
        ScanSnapshot snapshot = new ScanSnapshotter().scan(uri("scanner:" + PASSWORD + "@"));
        assertSameDataset(drain(snapshot, dir.resolve("acl.rdb")));
    }

    @Test
    void aUserWhoMayNotPsyncIsToldToUseScanAndScanWorksForThem() throws Exception {
        SnapshotException sync = catchThrowableOfType(SnapshotException.class,
                () -> new SnapshotPuller().pull(uri("nopsync:" + PASSWORD + "@")).close());
        assertThat(sync.kind()).isEqualTo(SnapshotException.Kind.NOT_PERMITTED);
        assertThat(sync).hasMessageContaining("or set mode=scan");
        ScanSnapshot snapshot = new ScanSnapshotter().scan(uri("nopsync:" + PASSWORD + "@"));
        assertSameDataset(drain(snapshot, dir.resolve("nopsync.rdb")));
    }

    @Test
    void aUserWithoutDumpIsToldWhatToGrant() throws Exception {
        ScanSnapshot snapshot = new ScanSnapshotter().scan(uri("nodump:" + PASSWORD + "@"));
        SnapshotException e = catchThrowableOfType(SnapshotException.class,
                () -> snapshot.payload().transferTo(java.io.OutputStream.nullOutputStream()));
        snapshot.close();
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.NOT_PERMITTED);
        assertThat(e).hasMessageContaining("user 'nodump' may not run DUMP on redis://nodump:***@127.0.0.1:")
                .hasMessageContaining("scan mode needs +info +scan +pttl +dump")
                .message().doesNotContain(PASSWORD);
        assertThat(snapshot.complete()).isFalse();
    }

    @Test
    void aWrongPasswordOrUnknownUserFailsAsInSyncMode() {
        SnapshotException e = failure(uri("scanner:" + WRONG_PASSWORD + "@"));
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.AUTH_FAILED);
        assertThat(e).hasMessageContaining("authentication as user 'scanner' failed on redis://scanner:***@127.0.0.1:")
                .hasMessageContaining("wrong password, unknown user, or user disabled");
        assertThat(failure(uri("ghost:" + WRONG_PASSWORD + "@")).kind()).isEqualTo(SnapshotException.Kind.AUTH_FAILED);
    }

    @Test
    void aPasswordProtectedServer() throws Exception {
        try (RedisServerFixture locked = RedisServerFixture.start()) {
            locked.call("SET", "k", "v");
            locked.call("CONFIG", "SET", "requirepass", PASSWORD);
            RedisUri bare = RedisUri.parse(locked.uri());
            SnapshotException missing = failure(bare);
            assertThat(missing.kind()).isEqualTo(SnapshotException.Kind.AUTH_REQUIRED);
            assertThat(missing).hasMessageContaining(locked.uri() + " requires a password: put it in the URI");
            SnapshotException wrong = failure(RedisUri.parse("redis://:" + WRONG_PASSWORD + "@127.0.0.1:"
                    + locked.port()));
            assertThat(wrong).hasMessageContaining("authentication as user 'default' failed on redis://:***@127.0.0.1:");

            ScanSnapshot snapshot = new ScanSnapshotter().scan(RedisUri.parse("redis://:" + PASSWORD + "@127.0.0.1:"
                    + locked.port()));
            Path rdb = drain(snapshot, dir.resolve("locked.rdb"));
            try (RedisServerFixture copy = RedisServerFixture.start(rdb)) {
                assertThat(copy.call("GET", "k")).isEqualTo("v".getBytes());
            }
        }
    }

    @Test
    void aPasswordForAServerThatNeedsNoneIsAccepted() throws Exception {
        ScanSnapshot snapshot = new ScanSnapshotter().scan(uri(":unneeded-pw@"));
        assertSameDataset(drain(snapshot, dir.resolve("unneeded.rdb")));
    }

    @Test
    void nothingListeningIsConnectionRefused() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SnapshotException e = failure(RedisUri.parse("redis://127.0.0.1:" + port));
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.CONNECTION_REFUSED);
        assertThat(e).hasMessageStartingWith("cannot connect to redis://127.0.0.1:" + port)
                .hasMessageContaining("check the host and port, and that Redis is running");
        SnapshotException unknown = failure(RedisUri.parse("redis://no-such-host.invalid:6379"));
        assertThat(unknown.kind()).isEqualTo(SnapshotException.Kind.UNKNOWN_HOST);
    }

    private static RedisUri uri(String credentials) {
        return RedisUri.parse("redis://" + credentials + server.host() + ":" + server.port());
    }

    private static SnapshotException failure(RedisUri uri) {
        SnapshotException e = catchThrowableOfType(SnapshotException.class, () -> new ScanSnapshotter().scan(uri).close());
        assertThat(e).as("scanning %s should fail", uri).isNotNull();
        assertThat(e.getMessage()).doesNotContain(WRONG_PASSWORD).doesNotContain(PASSWORD);
        return e;
    }

    static Path drain(ScanSnapshot snapshot, Path file) throws Exception {
        try (snapshot; InputStream in = snapshot.payload()) {
            Files.copy(in, file);
        }
        assertThat(snapshot.complete()).isTrue();
        return file;
    }

    private static void assertSameDataset(Path rdb) {
        assertCheckRdbAccepts(rdb);
        try (RedisServerFixture copy = RedisServerFixture.start(rdb)) {
            assertThat(copy.digest()).isEqualTo(server.digest());
            assertThat(copy.dbsize(5)).isEqualTo(server.dbsize(5));
        }
    }
}
