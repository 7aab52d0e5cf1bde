package dev.caravan.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.quarkus.core.CamelRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import dev.caravan.archive.CatalogEntry;
import dev.caravan.archive.ManifestFile;
import dev.caravan.archive.ManifestReader;
import dev.caravan.archive.ManifestWriter;
import dev.caravan.catalog.S3Catalog;
import dev.caravan.catalog.SftpCatalog;
import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.S3TestResource;
import dev.caravan.testing.SftpTestResource;

/**
 * The publish routes against real stores in the test JVM (S3Proxy, Apache MINA SSHD): a backup of
 * a real redis-server goes out, comes back, passes its SHA-256, decompresses with the zstd CLI
 * and loads into a fresh redis-server with the source's digest; failures answer a
 * {@link PublishResult} with the reason and the attempts, and never leave a manifest without its
 * archives.
 */
@QuarkusTest
@WithTestResource(S3TestResource.class)
@WithTestResource(SftpTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishRoutesTest {

    @Inject
    ProducerTemplate producer;

    @Inject
    CamelRuntime camel;

    @Inject
    S3Catalog s3Catalog;

    @Inject
    SftpCatalog sftpCatalog;

    private Path staging;
    private StagedTestBackup redisBackup;

    @BeforeAll
    void startCamelAndStageABackupOfRedis() throws IOException {
        // CaravanApplication starts Camel when the application runs; a @QuarkusTest does not run it.
        camel.start(new String[0]);
        redisBackup = StagedTestBackup.ofRedis(Files.createTempDirectory("caravan-publish-"));
    }

    @BeforeEach
    void newStagingFolder() throws IOException {
        staging = Files.createTempDirectory("caravan-publish-");
    }

    @AfterEach
    void removeStagingFolder() {
        S3TestResource.deleteTree(staging);
    }

    private PublishResult publish(String type, PublishRequest request) {
        return producer.requestBody("direct:publish-" + type, request, PublishResult.class);
    }

    @Test
    void s3RoundTripsARedisBackup() throws Exception {
        PublishResult result = publish("s3", redisBackup.to(S3TestResource.DESTINATION));

        assertThat(result.error()).isNull();
        assertThat(result).isEqualTo(PublishResult.ok(S3TestResource.DESTINATION, 1, totalBytes(redisBackup)));
        S3Client s3 = S3TestResource.current().client();
        assertThat(s3Keys(redisBackup.folderKey())).containsExactlyInAnyOrder("node.rdb.zst", "manifest.json");
        Path manifest = staging.resolve("manifest.json");
        s3.getObject(b -> b.bucket(S3TestResource.BUCKET).key(redisBackup.folderKey() + "/manifest.json"),
                ResponseTransformer.toFile(manifest));
        assertThat(ManifestReader.read(Files.readAllBytes(manifest))).isEqualTo(redisBackup.manifest());
        Path archive = staging.resolve("node.rdb.zst");
        s3.getObject(b -> b.bucket(S3TestResource.BUCKET).key(redisBackup.folderKey() + "/node.rdb.zst"),
                ResponseTransformer.toFile(archive));
        assertRestoresTheSource(archive);
    }

    @ParameterizedTest
    @ValueSource(strings = {SftpTestResource.PASSWORD_DESTINATION, SftpTestResource.KEY_DESTINATION})
    void sftpRoundTripsARedisBackup(String destination) throws Exception {
        StagedTestBackup backup = StagedTestBackup.ofRedis(staging.resolve("stage-" + destination));
        PublishResult result = publish("sftp", backup.to(destination));

        assertThat(result.error()).isNull();
        assertThat(result).isEqualTo(PublishResult.ok(destination, 1, totalBytes(backup)));
        SftpTestResource sftp = SftpTestResource.current();
        String folder = "backups/" + backup.folderKey();
        assertThat(sftp.list(folder)).containsExactlyInAnyOrder("node.rdb.zst", "manifest.json");
        Path manifest = staging.resolve(destination + "-manifest.json");
        sftp.download(folder + "/manifest.json", manifest);
        assertThat(ManifestReader.read(Files.readAllBytes(manifest))).isEqualTo(backup.manifest());
        Path archive = staging.resolve(destination + "-node.rdb.zst");
        sftp.download(folder + "/node.rdb.zst", archive);
        assertRestoresTheSource(archive, backup);
    }

    @Test
    void s3UploadsAnArchiveLargerThanThePartSizeInParts() throws Exception {
        StagedTestBackup backup = StagedTestBackup.ofRandom(staging, 1, 12 * 1024 * 1024);
        PublishResult result = publish("s3", backup.to(S3TestResource.DESTINATION));

        assertThat(result.error()).isNull();
        assertThat(result.ok()).isTrue();
        S3Client s3 = S3TestResource.current().client();
        String key = backup.folderKey() + "/shard-0.rdb";
        HeadObjectResponse head = s3.headObject(b -> b.bucket(S3TestResource.BUCKET).key(key));
        assertThat(head.contentLength()).isEqualTo(12L * 1024 * 1024);
        // A completed multipart upload's ETag is <md5 of the parts' md5s>-<parts>: 5 + 5 + 2 MiB.
        assertThat(head.eTag()).endsWith("-3\"");
        Path copy = staging.resolve("copy.rdb");
        s3.getObject(b -> b.bucket(S3TestResource.BUCKET).key(key), ResponseTransformer.toFile(copy));
        assertThat(StagedTestBackup.sha256(copy)).isEqualTo(backup.manifest().files().get(0).sha256());
    }

    @Test
    void aFailedS3PublishLeavesNoManifestAndCountsItsAttempts() throws Exception {
        StagedTestBackup backup = StagedTestBackup.ofRandom(staging, 2, 100_000);
        Files.delete(backup.files().get(1).path());
        PublishResult result = publish("s3", backup.to(S3TestResource.DESTINATION));

        assertThat(result.ok()).isFalse();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.error()).contains("shard-1.rdb").contains("after 3 attempts");
        assertThat(s3Keys(backup.folderKey())).containsExactly("shard-0.rdb");
    }

    @Test
    void aFailedSftpPublishLeavesNoManifest() throws Exception {
        StagedTestBackup backup = StagedTestBackup.ofRandom(staging, 2, 100_000);
        Files.delete(backup.files().get(1).path());
        PublishResult result = publish("sftp", backup.to(SftpTestResource.PASSWORD_DESTINATION));

        assertThat(result.ok()).isFalse();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(SftpTestResource.current().list("backups/" + backup.folderKey())).containsExactly("shard-0.rdb");
    }

    @Test
    void anS3StoreThatIsDownFailsWithTheReasonAfterItsRetries() throws Exception {
        StagedTestBackup backup = StagedTestBackup.ofRandom(staging, 1, 1000);
        S3TestResource s3 = S3TestResource.current();
        s3.stopServer();
        PublishResult result;
        try {
            result = publish("s3", backup.to(S3TestResource.DESTINATION));
        } finally {
            s3.restartServer();
        }
        assertThat(result.ok()).isFalse();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.error()).contains("127.0.0.1").doesNotContain(s3.secretKey());
        assertThat(s3Keys(backup.folderKey())).isEmpty();
    }

    @Test
    void anSftpServerThatIsDownFailsWithTheReasonAfterItsRetries() throws Exception {
        StagedTestBackup backup = StagedTestBackup.ofRandom(staging, 1, 1000);
        SftpTestResource sftp = SftpTestResource.current();
        sftp.stopServer();
        PublishResult result;
        try {
            result = publish("sftp", backup.to(SftpTestResource.PASSWORD_DESTINATION));
        } finally {
            sftp.restartServer();
        }
        assertThat(result.ok()).isFalse();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.error()).contains("Cannot connect").doesNotContain(sftp.password());
    }

    @Test
    void anSftpServerWithAnUnknownHostKeyIsRefused() throws Exception {
        StagedTestBackup backup = StagedTestBackup.ofRandom(staging, 1, 1000);
        PublishResult result = publish("sftp", backup.to(SftpTestResource.STRANGER_DESTINATION));

        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("HostKey").contains("known_hosts")
                .doesNotContain(SftpTestResource.current().password());
        assertThat(SftpTestResource.current().root().resolve("backups/" + backup.folderKey())).doesNotExist();
    }

    @Test
    void anUnknownDestinationIsAFailedResultNotAnException() {
        PublishResult result = publish("s3", redisBackup.to("nowhere"));

        assertThat(result).isEqualTo(PublishResult.failed("nowhere", 0,
                "no destination named nowhere is configured (caravan.destinations.nowhere.*)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "sftp"})
    void catalogsListCompleteBackupsNewestFirst(String type) throws Exception {
        String destination = type.equals("s3") ? S3TestResource.DESTINATION : SftpTestResource.PASSWORD_DESTINATION;
        String source = "catalog-" + type;
        Instant t = Instant.parse("2026-11-24T08:30:00Z");
        StagedTestBackup older = StagedTestBackup.ofRandom(staging.resolve("older"), 1, 1000, source, t);
        StagedTestBackup newer = StagedTestBackup.ofRandom(staging.resolve("newer"), 1, 1000, source, t.plusSeconds(3600));
        StagedTestBackup incomplete = StagedTestBackup.ofRandom(staging.resolve("incomplete"), 2, 1000, source,
                t.plusSeconds(7200));
        Files.delete(incomplete.files().get(1).path());
        assertThat(publish(type, older.to(destination)).ok()).isTrue();
        assertThat(publish(type, newer.to(destination)).ok()).isTrue();
        assertThat(publish(type, incomplete.to(destination)).ok()).isFalse();

        List<CatalogEntry> entries = type.equals("s3") ? s3Catalog.list(destination, source)
                : sftpCatalog.list(destination, source);
        assertThat(entries).containsExactly(
                new CatalogEntry(source, newer.manifest().id(), newer.folderKey() + "/manifest.json"),
                new CatalogEntry(source, older.manifest().id(), older.folderKey() + "/manifest.json"));
        assertThat(type.equals("s3") ? s3Catalog.list(destination, "nothing-here")
                : sftpCatalog.list(destination, "nothing-here")).isEmpty();
    }

    private List<String> s3Keys(String folderKey) {
        return S3TestResource.current().client()
                .listObjectsV2Paginator(b -> b.bucket(S3TestResource.BUCKET).prefix(folderKey + "/"))
                .contents().stream()
                .map(S3Object::key)
                .map(key -> key.substring(folderKey.length() + 1))
                .toList();
    }

    private static long totalBytes(StagedTestBackup backup) throws IOException {
        return backup.manifest().files().stream().mapToLong(ManifestFile::size).sum()
                + ManifestWriter.toBytes(backup.manifest()).length;
    }

    private void assertRestoresTheSource(Path archive) throws Exception {
        assertRestoresTheSource(archive, redisBackup);
    }

    /** SHA-256 as in the manifest, {@code zstd -d} gives an RDB that redis-server loads with the source's digest. */
    private static void assertRestoresTheSource(Path archive, StagedTestBackup backup) throws Exception {
        assertThat(StagedTestBackup.sha256(archive)).isEqualTo(backup.manifest().files().get(0).sha256());
        Path rdb = archive.resolveSibling(archive.getFileName() + ".rdb");
        Process zstd = new ProcessBuilder("zstd", "-d", "-q", "-f", archive.toString(), "-o", rdb.toString())
                .redirectErrorStream(true).start();
        String output = new String(zstd.getInputStream().readAllBytes());
        assertThat(zstd.waitFor()).as(output).isZero();
        try (RedisServerFixture restored = RedisServerFixture.start(rdb)) {
            assertThat(restored.digest()).isEqualTo(backup.digest());
        }
    }
}
