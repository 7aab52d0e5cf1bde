package dev.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.caravan.archive.Manifest;
import dev.caravan.archive.ManifestFile;
import dev.caravan.archive.ManifestReader;
import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RedisSourceResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup --once} against a real redis-server into a local folder, read back by real tools. */
@QuarkusMainTest
@WithTestResource(RedisSourceResource.class)
class BackupCommandTest {

    private static final Pattern BACKUP_ID = Pattern.compile("backup (\\d{8}T\\d{6}Z-[0-9a-f]{4}) of source main");

    @TempDir
    Path tmp;

    @Test
    void backsUpToALocalFolderThatZstdAndRedisReadBack(QuarkusMainLauncher launcher) throws Exception {
        Path sourceFolder = RedisSourceResource.destination().resolve("main");
        FolderWatch watch = FolderWatch.start(sourceFolder);
        LaunchResult result;
        try {
            result = launcher.launch("backup", "--once");
        } finally {
            watch.stop();
        }
        String all = result.getOutput() + result.getErrorOutput();
        assertThat(result.exitCode()).as(all).isZero();
        Matcher id = BACKUP_ID.matcher(result.getOutput());
        assertThat(id.find()).as(result.getOutput()).isTrue();
        Path folder = sourceFolder.resolve(id.group(1));
        // The broken destination failed after the first attempt and two retries; policy any is met.
        assertThat(result.getOutput()).contains("OK    local: " + folder + " (1 attempt)")
                .containsPattern("FAIL  broken: .*not-a-folder.* \\(after 3 attempts\\)")
                .contains("policy any, 1 of 2 copies")
                .contains("db0: ").contains("zstd");
        assertThat(all).doesNotContain(RedisSourceResource.PASSWORD);
        // The progress goes to stderr, in order: the pull, then each copy as it lands.
        assertThat(result.getErrorOutput()).containsPattern("(?s)pulled and checked: [0-9.]+ MB at [0-9.]+ [KMG]?B/s.*"
                + "copied to local \\([0-9.]+ MB, 1 attempt\\)")
                .contains("not copied to broken: ");
        assertThat(result.getOutput()).doesNotContain("pulled and checked").doesNotContain("copied to local (");

        byte[] json = Files.readAllBytes(folder.resolve("manifest.json"));
        assertThat(new String(json)).doesNotContain(RedisSourceResource.PASSWORD).contains("caravan:***@");
        try (InputStream schema = getClass().getResourceAsStream("/schema/caravan-backup-1.schema.json")) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                    .validate(new ObjectMapper().readTree(json))).isEmpty();
        }
        Manifest manifest = ManifestReader.read(json);
        ManifestFile file = manifest.files().get(0);
        assertThat(file.databases()).extracting(ManifestFile.DatabaseKeys::db).containsExactly(0, 1, 5);
        for (ManifestFile.DatabaseKeys db : file.databases()) {
            assertThat(db.keys()).as("keys in db %d", db.db()).isEqualTo(RedisSourceResource.dbsize(db.db()));
        }
        assertThat(Files.size(folder.resolve(file.file()))).isEqualTo(file.size());

        // The archive is a plain zstd file of an RDB that redis-server loads into the same dataset.
        Path rdb = tmp.resolve("restored.rdb");
        Process zstd = new ProcessBuilder("zstd", "-q", "-d", folder.resolve(file.file()).toString(), "-o",
                rdb.toString()).redirectErrorStream(true).start();
        assertThat(zstd.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(zstd.exitValue()).as(new String(zstd.getInputStream().readAllBytes())).isZero();
        assertThat(Files.size(rdb)).isEqualTo(file.rdbSize());
        try (RedisServerFixture restored = RedisServerFixture.start(rdb)) {
            assertThat(restored.digest()).isEqualTo(RedisSourceResource.digest());
        }

        // Only this backup's folder: one that an application of an earlier test may still be
        // writing into the same destination is not this test's to judge.
        assertThat(watch.problems()).filteredOn(problem -> problem.contains(folder.toString())).isEmpty();
        String ours = folder.getFileName() + "/";
        assertThat(watch.sizesSeen()).containsKeys(ours + "manifest.json", ours + file.file());
        for (Map.Entry<String, List<Long>> seen : watch.sizesSeen().entrySet()) {
            if (seen.getKey().startsWith(ours)) {
                assertThat(seen.getValue()).as("sizes of %s seen under its final name", seen.getKey())
                        .containsOnly(Files.size(folder.getParent().resolve(seen.getKey())));
            }
        }
        try (Stream<Path> left = Files.walk(RedisSourceResource.staging().resolve("main"))) {
            assertThat(left.filter(Files::isRegularFile)).as("staging files left").isEmpty();
        }
    }

    @Test
    void aWrongPasswordExitsWith3AndTheReasonAndShipsNothing(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("backup", "--once", "--source", "wrongpw");
        String all = result.getOutput() + result.getErrorOutput();
        assertThat(result.exitCode()).as(all).isEqualTo(3);
        assertThat(all).contains("authentication as user 'caravan' failed")
                .doesNotContain(RedisSourceResource.WRONG_PASSWORD);
        assertThat(RedisSourceResource.destination().resolve("wrongpw")).doesNotExist();
    }

    @Test
    void aSnapshotCorruptedInTransitIsRefusedAndKeptAsideInStaging(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult result = launcher.launch("backup", "--once", "--source", "corrupt");
        String all = result.getOutput() + result.getErrorOutput();
        assertThat(result.exitCode()).as(all).isEqualTo(1);
        // Where the flipped byte lands in the RDB varies with the server's key order: the CRC64 or
        // the structural parse catches it.
        assertThat(all).contains("refused, nothing was shipped: ");
        assertThat(RedisSourceResource.destination().resolve("corrupt")).doesNotExist();
        try (Stream<Path> kept = Files.walk(RedisSourceResource.staging().resolve("corrupt"))) {
            assertThat(kept.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactly("standalone.rdb.zst.failed");
        }
    }

    @Test
    void anUnknownSourceIsAnErrorNamingTheConfiguredOnes(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("backup", "--once", "--source", "nope");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.getOutput() + result.getErrorOutput()).contains("no source 'nope' is configured")
                .contains("corrupt, main, wrongpw");
    }

    /**
     * Polls a source's folder while a backup publishes into it: a file under a final name must
     * already be complete (its size never changes afterwards), and a manifest must never be seen
     * before its archive.
     */
    record FolderWatch(Path folder, Thread thread, AtomicBoolean done, Map<String, List<Long>> sizesSeen,
            List<String> problems) {

        static FolderWatch start(Path folder) {
            AtomicBoolean done = new AtomicBoolean();
            Map<String, List<Long>> sizes = new ConcurrentHashMap<>();
            List<String> problems = new CopyOnWriteArrayList<>();
            Thread thread = new Thread(() -> {
                while (!done.get()) {
                    look(folder, sizes, problems);
                }
            }, "folder-watch");
            thread.start();
            return new FolderWatch(folder, thread, done, sizes, problems);
        }

        private static void look(Path folder, Map<String, List<Long>> sizes, List<String> problems) {
            try (Stream<Path> backups = Files.list(folder)) {
                for (Path backup : backups.toList()) {
                    List<Path> files;
                    try (Stream<Path> list = Files.list(backup)) {
                        files = list.toList();
                    }
                    boolean manifest = files.stream().anyMatch(p -> p.endsWith("manifest.json"));
                    boolean archive = files.stream().anyMatch(p -> p.getFileName().toString().endsWith(".rdb.zst"));
                    if (manifest && !archive) {
                        problems.add("manifest before its archive in " + backup);
                    }
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        if (!name.contains(".part-")) {
                            sizes.computeIfAbsent(backup.getFileName() + "/" + name, n -> new CopyOnWriteArrayList<>())
                                    .add(Files.size(f));
                        }
                    }
                }
            } catch (NoSuchFileException notYet) {
                // the folder or a file was not there yet, or was renamed between listing and reading
            } catch (IOException e) {
                problems.add(e.toString());
            }
        }

        void stop() throws InterruptedException {
            done.set(true);
            thread.join();
        }
    }
}
