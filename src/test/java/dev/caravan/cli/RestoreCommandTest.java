package dev.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.caravan.testing.Datasets;
import dev.caravan.testing.KeyByKey;
import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.S3TestResource;

/**
 * {@code caravan restore} end to end: a seeded redis-server is backed up with {@code backup
 * --once}, then restored by the command into fresh redis-servers and a file, compared key by key
 * and by digest; refusals exit with their documented codes and leave the target as it was.
 */
@QuarkusMainTest
@WithTestResource(RestoreCliResource.class)
class RestoreCommandTest {

    private static final Pattern BACKUP_ID = Pattern.compile("backup (\\d{8}T\\d{6}Z-[0-9a-f]{4}) of source main");

    private static RedisServerFixture source;
    private static String backupId;

    @TempDir
    Path tmp;

    @BeforeAll
    static void seedTheSource() throws IOException {
        if (Files.exists(RestoreCliResource.FOLDER)) {
            S3TestResource.deleteTree(RestoreCliResource.FOLDER);
        }
        source = RedisServerFixture.start("--repl-diskless-sync-delay", "0");
        Datasets.seedEveryType(source);
        System.setProperty(RestoreCliResource.PORT, Integer.toString(source.port()));
    }

    @AfterAll
    static void stopTheSource() {
        if (source != null) {
            source.close();
        }
    }

    private static String backup(QuarkusMainLauncher launcher) {
        if (backupId == null) {
            LaunchResult result = launcher.launch("backup", "--once");
            assertThat(result.exitCode()).as(result.getOutput() + result.getErrorOutput()).isZero();
            Matcher id = BACKUP_ID.matcher(result.getOutput());
            assertThat(id.find()).as(result.getOutput()).isTrue();
            backupId = id.group(1);
        }
        return backupId;
    }

    @Test
    void restoresABackupIntoAFreshServer(QuarkusMainLauncher launcher) throws IOException {
        String id = backup(launcher);
        try (RedisServerFixture target = RedisServerFixture.start()) {
            LaunchResult result = launcher.launch("restore", "--source", "main", "--backup", id, "--to", target.uri());
            String all = result.getOutput() + result.getErrorOutput();
            assertThat(result.exitCode()).as(all).isZero();
            assertThat(result.getOutput()).contains("restored backup " + id + " of source main from local into "
                    + target.uri()).contains("check passed: keys per database match the manifest")
                    .contains("db5: 200 expected, 200 restored")
                    .contains("SHA-256 matches the manifest; RDB ")
                    .contains("checked in full by its backup, not parsed again (verify checksum)");
            assertThat(result.getOutput()).containsPattern("(?m)^  time: queued \\d+\\.\\d\\d s, fetching \\d+\\.\\d\\d s,"
                    + " verifying \\d+\\.\\d\\d s, loading \\d+\\.\\d\\d s, checking \\d+\\.\\d\\d s$");
            assertThat(result.getErrorOutput()).contains("restore: fetching").contains("restore: verifying")
                    .contains("restore: loading").contains("restore: checking");
            assertThat(target.digest()).isEqualTo(source.digest());
            KeyByKey.assertSame(source, target);
        }
        try (Stream<Path> left = Files.walk(RestoreCliResource.FOLDER.resolve("restore-staging"))) {
            assertThat(left.filter(Files::isRegularFile)).as("files left in restore staging").isEmpty();
        }
    }

    @Test
    void aFullCheckRestoreSaysWhatItChecked(QuarkusMainLauncher launcher) {
        String id = backup(launcher);
        try (RedisServerFixture target = RedisServerFixture.start()) {
            LaunchResult result = launcher.launch("restore", "--source", "main", "--backup", id, "--to", target.uri(),
                    "--verify", "full");
            assertThat(result.exitCode()).as(result.getOutput() + result.getErrorOutput()).isZero();
            assertThat(result.getOutput()).contains("SHA-256 matches the manifest; RDB ")
                    .contains("verified (decompressed, CRC64, full parse)")
                    .contains("check passed: keys per database match the manifest");
            assertThat(target.digest()).isEqualTo(source.digest());
            KeyByKey.assertSame(source, target);
        }
    }

    @Test
    void filtersRemapsAndWritesAFile(QuarkusMainLauncher launcher) {
        backup(launcher);
        Path out = tmp.resolve("db5.rdb");
        LaunchResult result = launcher.launch("restore", "--source", "main", "--backup", "latest", "--to", "file:" + out,
                "--db", "5", "--key", "db5:key:1*", "--remap", "5:2", "--json");
        assertThat(result.exitCode()).as(result.getOutput() + result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("\"checkPassed\" : true").contains("\"keysRestored\" : 111");
        try (RedisServerFixture loaded = RedisServerFixture.start(out)) {
            assertThat(loaded.dbsize(2)).isEqualTo(111);
            assertThat(loaded.dbsize(0)).isZero();
            assertThat(loaded.dbsize(5)).isZero();
            KeyByKey.assertSame(source, loaded, k -> k.db() == 5
                    && new String(k.name(), java.nio.charset.StandardCharsets.US_ASCII).startsWith("db5:key:1"),
                    db -> db == 5 ? 2 : db);
        }
    }

    @Test
    void aDryRunLeavesTheTargetAlone(QuarkusMainLauncher launcher) {
        String id = backup(launcher);
        try (RedisServerFixture target = RedisServerFixture.start()) {
            target.call("SET", "mine", "1");
            String before = target.digest();
            LaunchResult result = launcher.launch("restore", "--source", "main", "--backup", id, "--to", target.uri(),
                    "--dry-run", "--mode", "skip-existing");
            assertThat(result.exitCode()).as(result.getOutput() + result.getErrorOutput()).isZero();
            assertThat(result.getOutput()).startsWith("dry run: nothing written");
            assertThat(target.digest()).isEqualTo(before);
        }
    }

    @Test
    void refusalsExitWithTheirCodesAndChangeNothing(QuarkusMainLauncher launcher) throws IOException {
        String id = backup(launcher);
        try (RedisServerFixture target = RedisServerFixture.start()) {
            target.call("SET", "mine", "1");
            String before = target.digest();

            LaunchResult unknown = launcher.launch("restore", "--source", "main", "--backup", "20200101T000000Z-0000",
                    "--to", target.uri());
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.getErrorOutput()).contains("no backup 20200101T000000Z-0000").contains(id);

            LaunchResult escape = launcher.launch("restore", "--source", "main", "--backup", "../../etc", "--to",
                    target.uri());
            assertThat(escape.exitCode()).isEqualTo(2);
            assertThat(escape.getErrorOutput()).contains("does not have the form");

            LaunchResult unconfirmed = launcher.launch("restore", "--source", "main", "--backup", id, "--to",
                    target.uri(), "--mode", "flush-first");
            assertThat(unconfirmed.exitCode()).isEqualTo(2);
            assertThat(unconfirmed.getErrorOutput()).contains("confirm");

            LaunchResult badRemap = launcher.launch("restore", "--source", "main", "--backup", id, "--to", target.uri(),
                    "--remap", "5-2");
            assertThat(badRemap.exitCode()).isEqualTo(2);
            assertThat(badRemap.getErrorOutput()).contains("FROM:TO");

            LaunchResult badVerify = launcher.launch("restore", "--source", "main", "--backup", id, "--to",
                    target.uri(), "--verify", "crc");
            assertThat(badVerify.exitCode()).isEqualTo(2);
            assertThat(badVerify.getErrorOutput()).contains("\"verify\" must be checksum").contains("full");

            LaunchResult unreachable = launcher.launch("restore", "--source", "main", "--backup", id, "--to",
                    "redis://:pw-not-shown@127.0.0.1:1");
            assertThat(unreachable.exitCode()).isEqualTo(3);
            assertThat(unreachable.getOutput() + unreachable.getErrorOutput()).doesNotContain("pw-not-shown");

            Path archive;
            try (Stream<Path> files = Files.walk(RestoreCliResource.FOLDER.resolve("backups").resolve("main").resolve(id))) {
                archive = files.filter(p -> p.toString().endsWith(".zst")).findFirst().orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(archive);
            byte[] damaged = bytes.clone();
            damaged[damaged.length / 2] ^= 0x10;
            Files.write(archive, damaged);
            try {
                LaunchResult corrupt = launcher.launch("restore", "--source", "main", "--backup", id, "--to",
                        target.uri());
                assertThat(corrupt.exitCode()).isEqualTo(1);
                assertThat(corrupt.getErrorOutput()).contains("failed its check, nothing was loaded")
                        .contains("SHA-256");
                LaunchResult corruptFullCheck = launcher.launch("restore", "--source", "main", "--backup", id,
                        "--to", target.uri(), "--verify", "full");
                assertThat(corruptFullCheck.exitCode()).isEqualTo(1);
                assertThat(corruptFullCheck.getErrorOutput()).contains("failed its check, nothing was loaded")
                        .contains("SHA-256");
            } finally {
                Files.write(archive, bytes);
            }
            assertThat(target.digest()).isEqualTo(before);
        }
    }
}
