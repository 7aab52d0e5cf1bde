package dev.caravan.redis;

import static dev.caravan.redis.PulledSnapshots.assertSameDataset;
import static dev.caravan.redis.PulledSnapshots.drain;
import static dev.caravan.redis.PulledSnapshots.replicationInfo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from real servers in both transfer forms and checks the bytes are the source's dataset. */
class SnapshotPullerTest {

    private static SeededMasters masters;
    private static RedisServerFixture diskBased;
    private static RedisServerFixture diskless;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() {
        masters = new SeededMasters();
        diskBased = masters.diskBased;
        diskless = masters.diskless;
    }

    @AfterAll
    static void stopServers() {
        masters.close();
    }

    @Test
    void diskBasedPullGivesTheSourceDataset() throws Exception {
        try (Snapshot snapshot = new SnapshotPuller().pull(RedisUri.parse(diskBased.uri()))) {
            assertThat(snapshot.transfer()).isEqualTo(TransferForm.DISK_BASED);
            Path rdb = drain(snapshot, dir.resolve("disk.rdb"));
            assertThat(snapshot.declaredLength()).hasValue(snapshot.bytesRead());
            assertThat(snapshot.bytesRead()).isGreaterThan(4 << 20);
            assertReplicationPosition(snapshot, diskBased);
            assertSameDataset(rdb, diskBased);
        }
    }

    @Test
    void disklessPullGivesTheSourceDatasetWithoutTheEndMark() throws Exception {
        try (Snapshot snapshot = new SnapshotPuller().pull(RedisUri.parse(diskless.uri()))) {
            assertThat(snapshot.transfer()).isEqualTo(TransferForm.DISKLESS);
            assertThat(snapshot.declaredLength()).isEmpty();
            Path rdb = drain(snapshot, dir.resolve("diskless.rdb"));
            assertThat(snapshot.bytesRead()).isGreaterThan(4 << 20);
            assertReplicationPosition(snapshot, diskless);
            assertSameDataset(rdb, diskless);
        }
    }

    @Test
    void keepAliveNewlinesBeforeThePayloadAreSkipped() throws Exception {
        try (RedisServerFixture delayed = RedisServerFixture.start(
                "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "2")) {
            Datasets.seedEveryType(delayed);
            Datasets.seedBulk(delayed, 20_000, 4 << 20);
            PullOptions options = PullOptions.defaults().withHeaderTimeout(java.time.Duration.ofMillis(1500));
            long started = System.nanoTime();
            try (Snapshot snapshot = new SnapshotPuller(options).pull(RedisUri.parse(delayed.uri()))) {
                assertThat(System.nanoTime() - started).as("waited for the diskless delay").isGreaterThan(1_500_000_000L);
                assertThat(snapshot.transfer()).isEqualTo(TransferForm.DISKLESS);
                assertSameDataset(drain(snapshot, dir.resolve("delayed.rdb")), delayed);
            }
        }
    }

    @Test
    void readingByteByByteEndsExactlyAtTheEndOfTheRdb() throws Exception {
        try (RedisServerFixture small = RedisServerFixture.start(
                "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0")) {
            small.call("SET", "k", "v");
            try (Snapshot snapshot = new SnapshotPuller().pull(RedisUri.parse(small.uri()))) {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                int b;
                while ((b = snapshot.payload().read()) >= 0) {
                    bytes.write(b);
                }
                assertThat(snapshot.payload().read()).isEqualTo(-1);
                Path rdb = java.nio.file.Files.write(dir.resolve("small.rdb"), bytes.toByteArray());
                assertSameDataset(rdb, small);
            }
        }
    }

    @Test
    void closingThePayloadEarlyLeavesNoReplicaBehind() throws Exception {
        Snapshot snapshot = new SnapshotPuller().pull(RedisUri.parse(diskless.uri()));
        assertThat(snapshot.payload().readNBytes(1000)).hasSize(1000);
        assertThat(replicationInfo(diskless, "connected_slaves")).isEqualTo("1");
        snapshot.payload().close();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!replicationInfo(diskless, "connected_slaves").equals("0") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(replicationInfo(diskless, "connected_slaves")).isEqualTo("0");
        assertThat(snapshot.complete()).isFalse();
    }

    private static void assertReplicationPosition(Snapshot snapshot, RedisServerFixture source) {
        assertThat(snapshot.replicationId()).hasSize(40).isEqualTo(replicationInfo(source, "master_replid"));
        assertThat(snapshot.offset()).isBetween(0L, Long.parseLong(replicationInfo(source, "master_repl_offset")));
    }
}
