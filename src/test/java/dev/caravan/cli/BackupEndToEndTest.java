package dev.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.caravan.archive.Manifest;
import dev.caravan.archive.ManifestFile;
import dev.caravan.archive.ManifestReader;
import dev.caravan.testing.EndToEndResource;
import dev.caravan.testing.RedisServerFixture;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code backup --once} end to end, in both modes: a real redis-server with every type, several
 * dbs, TTLs and a key over 100 MB goes to S3, SFTP and a local folder at once; each copy is
 * downloaded the way its store serves it, checked against the manifest's SHA-256, decompressed
 * with the zstd CLI and loaded by a fresh redis-server, whose {@code DEBUG DIGEST} must be the
 * source's.
 */
@QuarkusMainTest
@WithTestResource(EndToEndResource.class)
class BackupEndToEndTest {

    private static final Pattern BACKUP_ID = Pattern.compile("backup (\\d{8}T\\d{6}Z-[0-9a-f]{4}) of source (\\w+)");
    private static final Pattern LOCAL = Pattern.compile("OK {4}local: (\\S+) \\(1 attempt\\)");
    private static final String ARCHIVE = "standalone.rdb.zst";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"sync", "scan"})
    void everyCopyRestoresTheSourcesDataset(String mode, QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("backup", "--once", "--source", mode);
        String all = result.getOutput() + result.getErrorOutput();
        assertThat(result.exitCode()).as(all).isZero();
        assertThat(all).contains("OK    s3: ").contains("OK    sftp: ").contains("policy all, 3 of 3 copies");
        Matcher id = BACKUP_ID.matcher(result.getOutput());
        assertThat(id.find()).as(all).isTrue();
        String folderKey = "caravan/" + mode + "/" + id.group(1);
        Matcher local = LOCAL.matcher(result.getOutput());
        assertThat(local.find()).as(all).isTrue();
        Path localFolder = Path.of(local.group(1));

        Path fromLocal = Files.createDirectories(tmp.resolve("local"));
        Files.copy(localFolder.resolve("manifest.json"), fromLocal.resolve("manifest.json"));
        Files.copy(localFolder.resolve(ARCHIVE), fromLocal.resolve(ARCHIVE));
        Path fromS3 = Files.createDirectories(tmp.resolve("s3"));
        try (S3Client s3 = EndToEndResource.s3Client()) {
            for (String name : new String[] {"manifest.json", ARCHIVE}) {
                s3.getObject(b -> b.bucket("backups").key(folderKey + "/" + name),
                        ResponseTransformer.toFile(fromS3.resolve(name)));
            }
        }
        Path fromSftp = Files.createDirectories(tmp.resolve("sftp"));
        for (String name : new String[] {"manifest.json", ARCHIVE}) {
            EndToEndResource.sftpDownload("backups/" + folderKey + "/" + name, fromSftp.resolve(name));
        }

        Manifest manifest = ManifestReader.read(Files.readAllBytes(fromLocal.resolve("manifest.json")));
        assertThat(manifest.mode().toString()).isEqualTo(mode);
        assertThat(manifest.pointInTime()).isEqualTo(mode.equals("sync"));
        assertThat(manifest.replication() == null).isEqualTo(mode.equals("scan"));
        if (mode.equals("scan")) {
            assertThat(result.getOutput()).contains("scan mode: not a point in time; 0 keys vanished");
        }
        ManifestFile file = manifest.files().get(0);
        assertThat(file.databases()).extracting(ManifestFile.DatabaseKeys::db).containsExactly(0, 1, 3, 5);
        assertThat(file.largestKeys().get(0).name()).isEqualTo(EndToEndResource.BIG_KEY);
        assertThat(file.rdbSize()).isGreaterThan(EndToEndResource.BIG_KEY_BYTES);

        for (Path copy : new Path[] {fromLocal, fromS3, fromSftp}) {
            assertThat(ManifestReader.read(Files.readAllBytes(copy.resolve("manifest.json")))).isEqualTo(manifest);
            Path archive = copy.resolve(ARCHIVE);
            assertThat(sha256(archive)).as("SHA-256 of the %s copy", copy.getFileName()).isEqualTo(file.sha256());
            Path rdb = copy.resolve("restored.rdb");
            Process zstd = new ProcessBuilder("zstd", "-q", "-d", archive.toString(), "-o", rdb.toString())
                    .redirectErrorStream(true).start();
            assertThat(zstd.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(zstd.exitValue()).as(new String(zstd.getInputStream().readAllBytes())).isZero();
            Files.delete(archive);
            try (RedisServerFixture restored = RedisServerFixture.startUsing(RedisServerFixture.binary(), rdb)) {
                assertThat(restored.digest()).as("digest of the %s copy", copy.getFileName())
                        .isEqualTo(EndToEndResource.digest());
                // keys and expiring keys per db; avg_ttl moves with the clock
                assertThat(withoutAvgTtl(restored.info("keyspace"))).as("keyspace of the %s copy", copy.getFileName())
                        .isEqualTo(withoutAvgTtl(EndToEndResource.keyspace()));
            }
            Files.delete(rdb);
        }
    }

    private static String withoutAvgTtl(String keyspace) {
        return keyspace.replaceAll(",avg_ttl=\\d+", "");
    }

    private static String sha256(Path file) throws Exception {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }
}
