package dev.caravan.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;

import java.util.stream.Stream;

import dev.caravan.archive.ArchiveLayout;
import dev.caravan.archive.Codec;
import dev.caravan.archive.Codecs;
import dev.caravan.archive.Manifest;
import dev.caravan.archive.ManifestFile;
import dev.caravan.archive.StagedFile;
import dev.caravan.config.CaravanConfig.SourceMode;
import dev.caravan.rdb.RdbParser;
import dev.caravan.rdb.RdbSummary;
import dev.caravan.rdb.ValidateVisitor;
import dev.caravan.redis.RedisUri;
import dev.caravan.redis.SnapshotPuller;
import dev.caravan.testing.Datasets;
import dev.caravan.testing.FlippingProxy;
import dev.caravan.testing.RedisServerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one pass against a real redis-server: what is staged is the snapshot, and the manifest says so. */
class SnapshotPipelineTest {

    private static final Codec ZSTD = Codecs.standard().byName("zstd");

    @TempDir
    Path staging;

    private final SnapshotPipeline pipeline = new SnapshotPipeline(null, new SnapshotPuller(), Clock.systemUTC());

    @Test
    void stagesTheCompressedSnapshotWithAManifestOfWhatItHolds() throws Exception {
        try (RedisServerFixture server = RedisServerFixture.start("--repl-diskless-sync-delay", "0")) {
            Datasets.seedEveryType(server);
            Datasets.seedBulk(server, 20_000, 1_000_000);
            StagedBackup backup = pipeline.stage("main", RedisUri.parse(server.uri()), ZSTD, new ArchiveLayout("prod"),
                    staging);

            Manifest manifest = backup.manifest();
            assertThat(backup.folderKey()).isEqualTo("prod/main/" + manifest.id());
            assertThat(manifest.mode()).isEqualTo(Manifest.Mode.SYNC);
            assertThat(manifest.redis().version()).isEqualTo(server.version());
            assertThat(manifest.replication().id()).hasSize(40);
            assertThat(manifest.source().uri().toString()).isEqualTo(server.uri());

            StagedFile staged = backup.files().get(0);
            ManifestFile entry = manifest.files().get(0);
            assertThat(staged.path().getFileName().toString()).isEqualTo("standalone.rdb.zst").isEqualTo(entry.file());
            assertThat(entry.size()).isEqualTo(Files.size(staged.path()));
            assertThat(entry.sha256()).isEqualTo(sha256(staged.path()));

            // What was staged decompresses to an RDB that verifies, with the manifest's CRC64 and size.
            RdbSummary summary;
            try (InputStream in = ZSTD.decompress(Files.newInputStream(staged.path()))) {
                summary = new RdbParser(in).parse(new ValidateVisitor());
            }
            assertThat(ManifestFile.crc64Hex(summary.storedChecksum())).isEqualTo(entry.crc64());
            assertThat(summary.bytes()).isEqualTo(entry.rdbSize());
            for (ManifestFile.DatabaseKeys db : entry.databases()) {
                assertThat(db.keys()).as("db %d", db.db()).isEqualTo(server.dbsize(db.db()));
                assertThat(db.keysByType().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(db.keys());
            }
            assertThat(entry.databases()).extracting(ManifestFile.DatabaseKeys::db).containsExactly(0, 1, 5);
            assertThat(entry.largestKeys().get(0).name()).isEqualTo("bulk:big");
        }
    }

    @Test
    void aSnapshotCorruptedInTransitIsRefusedAndItsStagingFileKeptAside() throws Exception {
        try (RedisServerFixture server = RedisServerFixture.start("--repl-diskless-sync-delay", "0");
                FlippingProxy proxy = new FlippingProxy(server.port(), 600_000)) {
            Datasets.seedEveryType(server);
            Datasets.seedBulk(server, 1_000, 2_000_000);
            RedisUri uri = RedisUri.parse("redis://127.0.0.1:" + proxy.port());

            assertThatThrownBy(() -> pipeline.stage("main", uri, ZSTD, ArchiveLayout.root(), staging))
                    .isInstanceOf(SnapshotRefusedException.class)
                    .hasMessageContaining("refused, nothing was shipped: ")
                    .satisfies(e -> assertThat(((SnapshotRefusedException) e).keptAt()).exists()
                            .hasFileName("standalone.rdb.zst.failed"));
            try (Stream<Path> files = Files.walk(staging)) {
                assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                        .containsExactly("standalone.rdb.zst.failed");
            }
        }
    }

    @Test
    void scanModeStagesAnRdbOfEveryDbAndTheManifestSaysItIsNotAPointInTime() throws Exception {
        try (RedisServerFixture server = RedisServerFixture.start()) {
            Datasets.seedEveryType(server);
            Datasets.seedBulk(server, 5_000, 1_000_000);
            StagedBackup backup = pipeline.stage("main", RedisUri.parse(server.uri()), SourceMode.SCAN, ZSTD,
                    ArchiveLayout.root(), staging);

            Manifest manifest = backup.manifest();
            assertThat(manifest.mode()).isEqualTo(Manifest.Mode.SCAN);
            assertThat(manifest.pointInTime()).isFalse();
            assertThat(manifest.replication()).isNull();
            assertThat(manifest.redis().version()).isEqualTo(server.version());
            assertThat(manifest.redis().rdbVersion()).isEqualTo(server.rdbVersion());
            assertThat(backup.vanishedKeys()).isZero();
            ManifestFile entry = manifest.files().get(0);
            assertThat(entry.databases()).extracting(ManifestFile.DatabaseKeys::db).containsExactly(0, 1, 5);
            for (ManifestFile.DatabaseKeys db : entry.databases()) {
                assertThat(db.keys()).as("db %d", db.db()).isEqualTo(server.dbsize(db.db()));
            }
            Path rdb = staging.resolve("scan.rdb");
            try (InputStream in = ZSTD.decompress(Files.newInputStream(backup.files().get(0).path()))) {
                Files.copy(in, rdb);
            }
            try (RedisServerFixture restored = RedisServerFixture.start(rdb)) {
                assertThat(restored.digest()).isEqualTo(server.digest());
            }
        }
    }

    @Test
    void aScanThatFailsHalfwayIsRefusedAndItsStagingFileKeptAside() throws Exception {
        try (RedisServerFixture server = RedisServerFixture.start()) {
            Datasets.seedEveryType(server);
            server.call("ACL", "SETUSER", "nodump", "on", ">nodump-pw", "~*", "+info", "+scan", "+pttl", "+select");
            RedisUri uri = RedisUri.parse("redis://nodump:nodump-pw@127.0.0.1:" + server.port());

            assertThatThrownBy(() -> pipeline.stage("main", uri, SourceMode.SCAN, ZSTD, ArchiveLayout.root(), staging))
                    .isInstanceOf(SnapshotRefusedException.class)
                    .hasMessageContaining("refused, nothing was shipped: user 'nodump' may not run DUMP")
                    .hasMessageNotContaining("nodump-pw");
            try (Stream<Path> files = Files.walk(staging)) {
                assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                        .containsExactly("standalone.rdb.zst.failed");
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(Files.readAllBytes(file));
        return HexFormat.of().formatHex(digest.digest());
    }

}
