package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.quarkus.core.CamelRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;

import dev.caravan.archive.ManifestFile;
import dev.caravan.archive.ManifestReader;
import dev.caravan.archive.ManifestWriter;
import dev.caravan.archive.Manifest;
import dev.caravan.backup.BackupRequest;
import dev.caravan.backup.BackupResult;
import dev.caravan.restore.RestoreRefusedException.Reason;
import dev.caravan.testing.KeyByKey;
import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;
import dev.caravan.testing.S3TestResource;
import dev.caravan.testing.SftpTestResource;

/**
 * {@code direct:restore} end to end with real parts: a seeded redis-server is backed up by the
 * {@code backup} route to a local folder, S3Proxy and MINA SSHD, then restored into fresh
 * redis-servers and files and compared key by key and by {@code DEBUG DIGEST}. Damaged archives
 * and bad requests are refused with their reason and leave the target as it was.
 */
@QuarkusTest
@WithTestResource(RestoreTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(SftpTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreRoutesTest {

    private static final String PREFIX = S3TestResource.PREFIX;

    @Inject
    ProducerTemplate producer;

    @Inject
    CamelRuntime camel;

    @Inject
    RestoreGuard guard;

    @Inject
    ArchiveStores stores;

    private RedisServerFixture source;
    private Manifest backup;
    private String digest;

    @BeforeAll
    void backUpTheSource() {
        camel.start(new String[0]);
        source = RestoreTestResource.source();
        digest = source.digest();
        backup = backUp();
    }

    @AfterEach
    void stagingIsEmptyAfterEveryRestore() throws IOException {
        try (Stream<Path> left = Files.walk(RestoreTestResource.staging())) {
            assertThat(left.filter(Files::isRegularFile)).as("files left in restore staging").isEmpty();
        }
    }

    private Manifest backUp() {
        BackupResult result = producer.requestBody("direct:backup", new BackupRequest("main"), BackupResult.class);
        assertThat(result.policyMet()).as(result.toString()).isTrue();
        assertThat(result.copies()).filteredOn(c -> c.ok()).extracting(c -> c.destination())
                .contains("local", S3TestResource.DESTINATION, SftpTestResource.PASSWORD_DESTINATION);
        return result.manifest();
    }

    static RestoreRequest request(String backup, String from, String target) {
        return new RestoreRequest("main", backup, null, from, target, null, null, null, null, null, null);
    }

    private RestoreResult restore(RestoreRequest request) {
        return producer.requestBody("direct:restore", request, RestoreResult.class);
    }

    private RestoreRefusedException refused(RestoreRequest request) {
        Throwable thrown = catchThrowable(() -> restore(request));
        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(RestoreRefusedException.class);
        return (RestoreRefusedException) thrown.getCause();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", S3TestResource.DESTINATION, SftpTestResource.PASSWORD_DESTINATION,
        SftpTestResource.KEY_DESTINATION})
    void aBackupRoundTripsFromEachDestinationIntoAFreshServer(String destination) {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreResult result = restore(request(backup.id().toString(), destination, target.uri()));
            assertThat(result.checkPassed()).as(result.check()).isTrue();
            assertThat(result.from()).isEqualTo(destination);
            assertThat(result.verified()).as("caravan.restore.verify's default").isEqualTo("checksum");
            assertThat(result.backups()).containsExactly(backup.id().toString());
            long keys = backup.files().get(0).databases().stream().mapToLong(ManifestFile.DatabaseKeys::keys).sum();
            assertThat(result.keysRestored()).isEqualTo(keys);
            assertThat(result.bytesFetched()).isEqualTo(backup.files().get(0).size());
            assertThat(result.rdbBytes()).isEqualTo(backup.files().get(0).rdbSize());
            assertThat(result.databases()).extracting(RestoreResult.DatabaseCheck::db).containsExactly(0, 1, 5);
            assertThat(result.databases()).allMatch(RestoreResult.DatabaseCheck::ok);
            assertThat(target.digest()).isEqualTo(digest);
            KeyByKey.assertSame(source, target);
        }
    }

    @Test
    void theJobCarriesPhaseCountsAndResult() {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreJob job = new RestoreJob("job-1");
            RestoreResult result = Restores.run(producer, request(backup.id().toString(), null, target.uri()), job);
            RestoreStatus status = job.status();
            assertThat(status.phase()).isEqualTo(RestoreJob.Phase.DONE);
            assertThat(status.result()).isEqualTo(result);
            assertThat(status.keysRestored()).isEqualTo(result.keysRestored());
            assertThat(result.job()).isEqualTo("job-1");
            assertThat(result.from()).isEqualTo("local");
            assertThat(target.digest()).isEqualTo(digest);
        }
    }

    @Test
    void latestIsTheNewestBackup() {
        String older = backup.id().toString();
        source.call("SET", "added-after-the-first-backup", "1");
        try {
            Manifest newer = backUp();
            String newerDigest = source.digest();
            try (RedisServerFixture target = RedisServerFixture.start()) {
                RestoreResult result = restore(request("latest", S3TestResource.DESTINATION, target.uri()));
                assertThat(result.backups()).containsExactly(newer.id().toString());
                assertThat(target.digest()).isEqualTo(newerDigest);
            }
            try (RedisServerFixture target = RedisServerFixture.start()) {
                restore(request(older, S3TestResource.DESTINATION, target.uri()));
                assertThat(target.digest()).isEqualTo(digest);
            }
        } finally {
            source.call("DEL", "added-after-the-first-backup");
        }
    }

    @Test
    void filtersAndRemappingTakeOnlyWhatTheyName() {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreRequest request = new RestoreRequest("main", backup.id().toString(), null, "local", target.uri(),
                    new RestoreRequest.Filter(List.of(0, 1), List.of("hash:*", "db1:*", "string:*"), "^(?!string:random)",
                            List.of("hash", "string")),
                    Map.of(0, 3), null, null, null, null);
            RestoreResult result = restore(request);
            assertThat(result.checkPassed()).as(result.check()).isTrue();
            assertThat(result.keysFiltered()).isPositive();
            KeyByKey.assertSame(source, target, k -> {
                String name = new String(k.name(), StandardCharsets.ISO_8859_1);
                String type = RespConnection.text(typeOf(k));
                return (k.db() == 0 || k.db() == 1)
                        && (name.startsWith("hash:") || name.startsWith("db1:") || name.startsWith("string:"))
                        && !name.startsWith("string:random") && (type.equals("hash") || type.equals("string"));
            }, db -> db == 0 ? 3 : db);
            assertThat(result.databases()).extracting(RestoreResult.DatabaseCheck::db).containsExactly(1, 3);
        }
    }

    private Object typeOf(KeyByKey.Key key) {
        try (RespConnection c = source.connect()) {
            c.call("SELECT", Integer.toString(key.db()));
            return c.call("TYPE", key.name());
        }
    }

    @Test
    void aDryRunCountsButLeavesTheTargetAlone() {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            target.call("SET", "already-here", "1");
            String before = target.digest();
            RestoreRequest request = new RestoreRequest("main", backup.id().toString(), null, "local", target.uri(), null, null,
                    RestoreMode.REPLACE, null, true, null);
            RestoreResult result = restore(request);
            assertThat(result.dryRun()).isTrue();
            assertThat(result.keysRestored()).isPositive();
            assertThat(target.digest()).isEqualTo(before);
            assertThat(target.dbsize(0)).isEqualTo(1);
        }
    }

    @Test
    void skipExistingKeepsTheTargetsKeysAndReplaceOverwritesThem() {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            target.call("SET", "string:raw", "the target's own");
            RestoreResult skip = restore(new RestoreRequest("main", backup.id().toString(), null, "local", target.uri(),
                    null, null, RestoreMode.SKIP_EXISTING, null, null, null));
            assertThat(skip.keysSkipped()).isEqualTo(1);
            assertThat(skip.checkPassed()).as(skip.check()).isTrue();
            assertThat(RespConnection.text(target.call("GET", "string:raw"))).isEqualTo("the target's own");

            RestoreResult replace = restore(request(backup.id().toString(), "local", target.uri()));
            assertThat(replace.keysSkipped()).isZero();
            assertThat(RespConnection.text(target.call("GET", "string:raw"))).isEqualTo("hello caravan");
            assertThat(target.digest()).isEqualTo(digest);
        }
    }

    @Test
    void flushFirstWithConfirmationRemovesWhatTheBackupDoesNotHave() {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            target.call("SET", "only-in-the-target", "1");
            RestoreResult result = restore(new RestoreRequest("main", backup.id().toString(), null, "local",
                    target.uri(), null, null, RestoreMode.FLUSH_FIRST, true, null, null));
            assertThat(result.checkPassed()).as(result.check()).isTrue();
            assertThat(target.digest()).isEqualTo(digest);
        }
    }

    @Test
    void restoresIntoAFileThatRedisServerLoads(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Path out = tmp.resolve("restored.rdb");
        RestoreResult result = restore(request(backup.id().toString(), SftpTestResource.PASSWORD_DESTINATION,
                "file:" + out));
        assertThat(result.checkPassed()).as(result.check()).isTrue();
        assertThat(RedisServerFixture.checkRdb(out).ok()).isTrue();
        try (RedisServerFixture loaded = RedisServerFixture.start(out)) {
            assertThat(loaded.digest()).isEqualTo(digest);
            KeyByKey.assertSame(source, loaded);
        }
    }

    @Test
    void mergesTwoBackupsIntoOneFileLaterWinning(@org.junit.jupiter.api.io.TempDir Path tmp) {
        source.call("SET", "string:raw", "changed for the second backup");
        source.call("SET", "only-in-the-second", "2");
        Manifest second;
        String merged;
        try {
            second = backUp();
            merged = source.digest();
        } finally {
            source.call("SET", "string:raw", "hello caravan");
            source.call("DEL", "only-in-the-second");
        }
        Path out = tmp.resolve("merged.rdb");
        RestoreResult result = restore(new RestoreRequest("main", null,
                List.of(backup.id().toString(), second.id().toString()), "local", "file:" + out, null, null, null,
                null, null, null));
        assertThat(result.backups()).containsExactly(backup.id().toString(), second.id().toString());
        try (RedisServerFixture loaded = RedisServerFixture.start(out)) {
            assertThat(loaded.digest()).isEqualTo(merged);
        }
    }

    @Test
    void aLocalArchiveIsStagedByAHardLinkAndOnlyALocalOne() throws IOException {
        String key = archiveKey(backup);
        Path published = RestoreTestResource.destination().resolve(key);
        Path link = RestoreTestResource.staging().resolveSibling("link-test").resolve("archive");
        Files.createDirectories(link.getParent());
        try {
            assertThat(stores.store("local").linkTo(key, link)).isTrue();
            assertThat(Files.isSameFile(link, published)).isTrue();
            Path notLinked = link.resolveSibling("from-s3");
            assertThat(stores.store(S3TestResource.DESTINATION).linkTo(key, notLinked)).isFalse();
            assertThat(notLinked).doesNotExist();
        } finally {
            Files.deleteIfExists(link);
        }
    }

    // --- "verify": checksum (the default) checks the manifest's size and SHA-256; full parses again ---

    private static RestoreRequest withVerify(String verify, String backup, String from, String target,
            RestoreRequest.Filter filter) {
        return new RestoreRequest("main", backup, null, from, target, filter, null, null, null, null, verify);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", S3TestResource.DESTINATION, SftpTestResource.PASSWORD_DESTINATION})
    void aFullCheckParsesBeforeLoadingAndRoundTrips(String destination) {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreResult result = restore(withVerify(RestoreRequest.VERIFY_FULL, backup.id().toString(), destination,
                    target.uri(), null));
            assertThat(result.checkPassed()).as(result.check()).isTrue();
            assertThat(result.verified()).isEqualTo("full");
            assertThat(result.bytesFetched()).isEqualTo(backup.files().get(0).size());
            assertThat(result.rdbBytes()).isEqualTo(backup.files().get(0).rdbSize());
            assertThat(target.digest()).isEqualTo(digest);
            KeyByKey.assertSame(source, target);
        }
    }

    /** VERIFYING counts RDB bytes when it parses, and archive bytes hashed or downloaded when it does not. */
    @ParameterizedTest
    @CsvSource({"local,checksum", S3TestResource.DESTINATION + ",checksum", SftpTestResource.PASSWORD_DESTINATION
        + ",checksum", "local,full", S3TestResource.DESTINATION + ",full"})
    void theVerifyPhasesProgressIsInTheBytesItReads(String destination, String verify) {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreJob job = new RestoreJob("progress-" + destination + "-" + verify);
            List<RestoreStatus> verifying = new java.util.ArrayList<>();
            job.onPhase(status -> {
                if (status.phase() == RestoreJob.Phase.VERIFYING) {
                    verifying.add(status);
                }
            });
            RestoreResult result = Restores.run(producer, withVerify(verify, backup.id().toString(), destination,
                    target.uri(), null), job);
            assertThat(result.verified()).isEqualTo(verify);
            ManifestFile file = backup.files().get(0);
            assertThat(verifying).singleElement().extracting(RestoreStatus::bytesTotal)
                    .isEqualTo(verify.equals("full") ? file.rdbSize() : file.size());
            assertThat(target.digest()).isEqualTo(digest);
        }
    }

    @Test
    void aKeyFilterGetsTheFullCheckEvenByDefault() {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreRequest.Filter filter = new RestoreRequest.Filter(null, List.of("*"), null, null);
            RestoreResult result = restore(withVerify(null, backup.id().toString(), "local", target.uri(), filter));
            assertThat(result.verified()).as("a key filter needs the keys' own requirements").isEqualTo("full");
            assertThat(result.checkPassed()).as(result.check()).isTrue();
            assertThat(target.digest()).isEqualTo(digest);
        }
    }

    @Test
    void aChecksumOnlyRestoreOfOneDatabaseTakesOnlyIt() {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreRequest.Filter filter = new RestoreRequest.Filter(List.of(1), null, null, null);
            RestoreResult result = restore(withVerify(null, backup.id().toString(), "local", target.uri(), filter));
            assertThat(result.verified()).isEqualTo("checksum");
            assertThat(result.checkPassed()).as(result.check()).isTrue();
            assertThat(result.databases()).extracting(RestoreResult.DatabaseCheck::db).containsExactly(1);
            assertThat(target.dbsize(0)).isZero();
            assertThat(target.dbsize(1)).isEqualTo(source.dbsize(1));
        }
    }

    @Test
    void aChecksumOnlyRestoreChecksTheTargetAgainstTheManifestBeforeLoading() {
        String id = backup.id().toString();
        try (RedisServerFixture fewDatabases = RedisServerFixture.start("--databases", "4")) {
            String before = fewDatabases.digest();
            RestoreRefusedException e = refused(withVerify(null, id, "local", fewDatabases.uri(), null));
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.TARGET_INCOMPATIBLE);
            assertThat(e.getMessage()).contains("database 5", "has 4");
            assertThat(fewDatabases.digest()).isEqualTo(before);
        }
        try (RedisServerFixture old = RedisServerFixture.startUsing(RedisServerFixture.extractEmbeddedBinary(), null)) {
            assertThat(old.rdbVersion()).as("the embedded Redis must be older than the source").isLessThan(
                    source.rdbVersion());
            String before = old.digest();
            RestoreRefusedException e = refused(withVerify(null, id, "local", old.uri(), null));
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.TARGET_INCOMPATIBLE);
            assertThat(e.getMessage()).contains("needs RDB version " + source.rdbVersion(), "checked by checksum only");
            assertThat(old.digest()).isEqualTo(before);
        }
    }

    // --- refusals: each leaves the target as it was ---

    /** Each damage, from each store, with either check (none named: the default): the SHA-256 sees it. */
    @ParameterizedTest
    @CsvSource({"local,full", S3TestResource.DESTINATION + ",full", SftpTestResource.PASSWORD_DESTINATION + ",full",
        "local,", S3TestResource.DESTINATION + ",", SftpTestResource.PASSWORD_DESTINATION + ","})
    void aFlippedByteIsRefusedBeforeTheTargetIsTouched(String destination, String verify) throws IOException {
        Manifest damaged = backUp();
        String key = archiveKey(damaged);
        byte[] archive = Stores.read(destination, key);
        archive[archive.length / 2] ^= 0x20;
        Stores.write(destination, key, archive);
        assertRefusedAndUntouched(damagedRequest(damaged, destination, verify), Reason.CORRUPT_ARCHIVE, "SHA-256");
    }

    @ParameterizedTest
    @CsvSource({"local,full", S3TestResource.DESTINATION + ",full", SftpTestResource.PASSWORD_DESTINATION + ",full",
        "local,", S3TestResource.DESTINATION + ",", SftpTestResource.PASSWORD_DESTINATION + ","})
    void aTruncatedArchiveIsRefusedBeforeTheTargetIsTouched(String destination, String verify) throws IOException {
        Manifest damaged = backUp();
        String key = archiveKey(damaged);
        byte[] archive = Stores.read(destination, key);
        Stores.write(destination, key, java.util.Arrays.copyOf(archive, archive.length - 100));
        assertRefusedAndUntouched(damagedRequest(damaged, destination, verify), Reason.CORRUPT_ARCHIVE, "truncated");
    }

    private static RestoreRequest damagedRequest(Manifest damaged, String destination, String verify) {
        return new RestoreRequest("main", damaged.id().toString(), null, destination, null, null, null, null, null,
                null, verify);
    }

    @Test
    void aManifestWhoseSha256DoesNotMatchIsRefused() throws IOException {
        Manifest damaged = backUp();
        ManifestFile f = damaged.files().get(0);
        ManifestFile wrong = new ManifestFile(f.shard(), f.file(), f.codec(), f.encryption(), f.size(), f.rdbSize(),
                "0".repeat(64), f.crc64(), f.databases(), f.largestKeys(), f.slotRanges());
        rewriteManifest("local", damaged, wrong);
        assertRefusedAndUntouched(request(damaged.id().toString(), "local", null), Reason.CORRUPT_ARCHIVE,
                "its manifest gives " + "0".repeat(64));
    }

    @Test
    void anArchiveDamagedWithAMatchingManifestIsCaughtByDecompressionCrcOrParse() throws IOException {
        Manifest damaged = backUp();
        String key = archiveKey(damaged);
        byte[] archive = Stores.read(S3TestResource.DESTINATION, key);
        archive[archive.length / 2] ^= 0x01;
        Stores.write(S3TestResource.DESTINATION, key, archive);
        ManifestFile f = damaged.files().get(0);
        ManifestFile matching = new ManifestFile(f.shard(), f.file(), f.codec(), f.encryption(), f.size(), f.rdbSize(),
                Stores.sha256(archive), f.crc64(), f.databases(), f.largestKeys(), f.slotRanges());
        rewriteManifest(S3TestResource.DESTINATION, damaged, matching);
        assertRefusedAndUntouched(withVerify(RestoreRequest.VERIFY_FULL, damaged.id().toString(),
                S3TestResource.DESTINATION, null, null), Reason.CORRUPT_ARCHIVE, "failed its check, nothing was loaded");
    }

    /**
     * What {@code checksum} gives up, shown: an archive rewritten together with its manifest passes
     * the SHA-256, and the load stops at the damage, saying so and how many keys it had written.
     */
    @Test
    void byChecksumADamageItsManifestAgreesWithStopsTheLoadAndSaysSo() throws IOException {
        Manifest damaged = backUp();
        String key = archiveKey(damaged);
        byte[] archive = Stores.read("local", key);
        archive[archive.length / 2] ^= 0x01;
        Stores.write("local", key, archive);
        ManifestFile f = damaged.files().get(0);
        rewriteManifest("local", damaged, new ManifestFile(f.shard(), f.file(), f.codec(), f.encryption(), f.size(),
                f.rdbSize(), Stores.sha256(archive), f.crc64(), f.databases(), f.largestKeys(), f.slotRanges()));
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreRefusedException e = refused(withVerify(null, damaged.id().toString(), "local", target.uri(), null));
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.DAMAGED_WHILE_LOADING);
            assertThat(e.getMessage()).contains(damaged.id().toString(), "although its size and SHA-256 match its manifest",
                    "\"verify\": \"full\"", "zstd");
            Matcher written = Pattern.compile("with (\\d+) keys already written to ").matcher(e.getMessage());
            assertThat(written.find()).as(e.getMessage()).isTrue();
            long keys = Long.parseLong(written.group(1));
            long onTarget = target.dbsize(0) + target.dbsize(1) + target.dbsize(5);
            assertThat(keys).isNotNegative().isLessThan(source.dbsize(0) + source.dbsize(1) + source.dbsize(5));
            assertThat(onTarget).as("the keys the message counts are on the target").isGreaterThanOrEqualTo(keys);
        }
    }

    private void rewriteManifest(String destination, Manifest manifest, ManifestFile file) throws IOException {
        Manifest changed = new Manifest(manifest.id(), manifest.source(), manifest.redis(), manifest.mode(),
                manifest.replication(), manifest.startedAt(), manifest.finishedAt(), List.of(file));
        Stores.write(destination, PREFIX + "/main/" + manifest.id() + "/manifest.json", ManifestWriter.toBytes(changed));
    }

    private static String archiveKey(Manifest manifest) {
        return PREFIX + "/main/" + manifest.id() + "/" + manifest.files().get(0).file();
    }

    /** Restores into a server holding one key; the refusal leaves it with that key only. */
    private void assertRefusedAndUntouched(RestoreRequest request, Reason reason, String message) {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            target.call("SET", "the-target's-own", "1");
            String before = target.digest();
            RestoreRequest aimed = new RestoreRequest(request.source(), request.backup(), request.backups(),
                    request.from(), request.target() != null ? request.target() : target.uri(), request.filter(),
                    request.remap(), request.mode(), request.confirm(), request.dryRun(), request.verify());
            RestoreRefusedException e = refused(aimed);
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(message);
            assertThat(target.digest()).isEqualTo(before);
            assertThat(target.dbsize(0)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", S3TestResource.DESTINATION, SftpTestResource.PASSWORD_DESTINATION})
    void anUnknownBackupIdIsNotFoundAndNamesWhatExists(String destination) {
        assertRefusedAndUntouched(request("20200101T000000Z-0000", destination, null), Reason.NOT_FOUND,
                backup.id().toString());
    }

    @Test
    void withoutFromTheFirstReachableDestinationHoldingTheBackupServesIt() {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreResult result = restore(request(backup.id().toString(), null, target.uri()));
            assertThat(result.from()).isEqualTo("local");
            assertThat(target.digest()).isEqualTo(digest);
        }
        Manifest notLocal = backUp();
        S3TestResource.deleteTree(RestoreTestResource.destination().resolve(PREFIX + "/main/" + notLocal.id()));
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreResult result = restore(request(notLocal.id().toString(), null, target.uri()));
            assertThat(result.from()).as("local no longer has it; s3 is next by name").isEqualTo("s3");
            assertThat(target.digest()).isEqualTo(digest);
        }
    }

    @Test
    void aDestinationThatCannotBeReadIsPassedOverForTheNextOneHoldingTheBackup() throws Exception {
        Manifest notLocal = backUp();
        S3TestResource.deleteTree(RestoreTestResource.destination().resolve(PREFIX + "/main/" + notLocal.id()));
        S3TestResource.current().stopServer();
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreResult result = restore(request(notLocal.id().toString(), null, target.uri()));
            assertThat(result.from()).as("local no longer has it and s3 is down; sftp is next by name")
                    .isEqualTo(SftpTestResource.PASSWORD_DESTINATION);
            assertThat(target.digest()).isEqualTo(digest);
        } finally {
            S3TestResource.current().restartServer();
        }
    }

    @Test
    void anUnknownSourceIsNotFoundAndNamesTheConfiguredOnes() {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreRefusedException e = refused(new RestoreRequest("elsewhere", "latest", null, "local", target.uri(),
                    null, null, null, null, null, null));
            assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(e.getMessage()).contains("no backup of source 'elsewhere'").contains("configured sources: main");
        }
    }

    @Test
    void anUnknownDestinationIsNotFoundAndNamesTheConfiguredOnes() {
        assertRefusedAndUntouched(request(backup.id().toString(), "nowhere", null), Reason.NOT_FOUND,
                "configured destinations: local, s3, sftp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../etc/passwd", "20261124T083000Z-7f3a/../../x", "..", "latest/.."})
    void anIdThatTriesToLeaveItsFolderIsInvalid(String id) {
        assertRefusedAndUntouched(request(id, "local", null), Reason.INVALID_REQUEST, "does not have the form");
    }

    @Test
    void anUnreachableTargetIsUnavailableBeforeAnythingIsFetched() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RestoreRefusedException e = refused(request(backup.id().toString(), "local", "redis://127.0.0.1:" + port));
        assertThat(e.reason()).isEqualTo(Reason.TARGET_UNAVAILABLE);
    }

    @Test
    void aWrongPasswordIsUnavailableAndNotRepeated() {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            target.call("ACL", "SETUSER", "default", "resetpass", ">right-password");
            RestoreRefusedException e = refused(request(backup.id().toString(), "local",
                    "redis://:wrong-password@127.0.0.1:" + target.port()));
            assertThat(e.reason()).isEqualTo(Reason.TARGET_UNAVAILABLE);
            assertThat(e.getMessage()).doesNotContain("wrong-password");
        }
    }

    @Test
    void flushFirstWithoutConfirmationIsInvalid() {
        assertRefusedAndUntouched(new RestoreRequest("main", backup.id().toString(), null, "local", null, null, null,
                RestoreMode.FLUSH_FIRST, null, null, null), Reason.INVALID_REQUEST, "confirm");
    }

    @Test
    void aSecondRestoreIntoABusyTargetIsAConflict() {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            RestoreTarget busy = RestoreTarget.parse(target.uri());
            guard.acquire(busy);
            try {
                target.call("SET", "the-target's-own", "1");
                RestoreRefusedException e = refused(request(backup.id().toString(), "local", target.uri()));
                assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                assertThat(target.dbsize(0)).isEqualTo(1);
            } finally {
                guard.release(busy);
            }
            assertThat(restore(request(backup.id().toString(), "local", target.uri())).checkPassed()).isTrue();
        }
    }

    @Test
    void aRefusedJobRecordsItsReason() {
        RestoreJob job = new RestoreJob("refused-1");
        Throwable thrown = catchThrowable(() -> Restores.run(producer,
                request(backup.id().toString(), "nowhere", "redis://127.0.0.1:1"), job));
        assertThat(thrown).isInstanceOf(RestoreRefusedException.class);
        assertThat(job.phase()).isEqualTo(RestoreJob.Phase.FAILED);
        assertThat(job.status().refusal().reason()).isEqualTo("NOT_FOUND");
        assertThat(job.status().refusal().httpStatus()).isEqualTo(404);
    }

    // --- direct:restore-file: an archive dropped into the inbox, no manifest ---

    @Test
    void aDroppedArchiveIsVerifiedThenLoaded(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path dropped = tmp.resolve("dropped.rdb.zst");
        Files.copy(RestoreTestResource.destination().resolve(archiveKey(backup)), dropped);
        Path bare = Files.copy(source.save(), tmp.resolve("bare.rdb"));
        Path gzip = compress(bare, tmp.resolve("dropped.rdb.gz"), "gzip");
        Path zip = compress(bare, tmp.resolve("dropped.zip"), "zip");
        for (Path archive : List.of(dropped, bare, gzip, zip)) {
            try (RedisServerFixture target = RedisServerFixture.start()) {
                RestoreJob job = new RestoreJob("dropped-" + archive.getFileName());
                RestoreResult result = Restores.runFile(producer, archive, target.uri(), job);
                assertThat(result.checkPassed()).as(result.check()).isTrue();
                assertThat(result.check()).contains("no manifest");
                assertThat(result.from()).isEqualTo("inbox");
                assertThat(result.backups()).containsExactly(archive.getFileName().toString());
                assertThat(job.phase()).isEqualTo(RestoreJob.Phase.DONE);
                assertThat(target.digest()).isEqualTo(digest);
            }
        }
    }

    private static Path compress(Path rdb, Path archive, String codec) throws IOException {
        try (java.io.OutputStream out = dev.caravan.archive.Codecs.standard().byName(codec)
                .compress(Files.newOutputStream(archive), "dump.rdb")) {
            Files.copy(rdb, out);
        }
        return archive;
    }

    @Test
    void aDamagedDroppedArchiveIsRefusedAndAnUnknownKindIsInvalid(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        byte[] archive = Files.readAllBytes(RestoreTestResource.destination().resolve(archiveKey(backup)));
        archive[archive.length / 2] ^= 0x04;
        Path damaged = Files.write(tmp.resolve("damaged.rdb.zst"), archive);
        Path unknown = Files.write(tmp.resolve("notes.txt"), new byte[] {1, 2, 3});
        try (RedisServerFixture target = RedisServerFixture.start()) {
            target.call("SET", "the-target's-own", "1");
            String before = target.digest();
            Throwable corrupt = catchThrowable(() -> Restores.runFile(producer, damaged, target.uri(),
                    new RestoreJob("damaged")));
            assertThat(corrupt).isInstanceOfSatisfying(RestoreRefusedException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_ARCHIVE));
            assertThat(corrupt).hasMessageContaining("damaged.rdb.zst failed its check, nothing was loaded");
            Throwable kind = catchThrowable(() -> Restores.runFile(producer, unknown, target.uri(),
                    new RestoreJob("unknown")));
            assertThat(kind).isInstanceOfSatisfying(RestoreRefusedException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST));
            assertThat(kind).hasMessageContaining(".rdb.zst, .rdb.gz, .zip or .rdb");
            assertThat(target.digest()).isEqualTo(before);
        }
    }

    /** The three stores, read and written behind Caravan's back. */
    static final class Stores {

        static byte[] read(String destination, String key) throws IOException {
            return switch (destination) {
                case "local" -> Files.readAllBytes(RestoreTestResource.destination().resolve(key));
                case S3TestResource.DESTINATION -> S3TestResource.current().client()
                        .getObjectAsBytes(b -> b.bucket(S3TestResource.BUCKET).key(key)).asByteArray();
                default -> Files.readAllBytes(sftpFile(key));
            };
        }

        static void write(String destination, String key, byte[] bytes) throws IOException {
            switch (destination) {
                case "local" -> Files.write(RestoreTestResource.destination().resolve(key), bytes);
                case S3TestResource.DESTINATION -> S3TestResource.current().client()
                        .putObject(b -> b.bucket(S3TestResource.BUCKET).key(key), RequestBody.fromBytes(bytes));
                default -> Files.write(sftpFile(key), bytes);
            }
        }

        private static Path sftpFile(String key) {
            return SftpTestResource.current().root().resolve("backups").resolve(key);
        }

        static String sha256(byte[] bytes) {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(bytes));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
