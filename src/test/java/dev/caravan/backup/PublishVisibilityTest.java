package dev.caravan.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import dev.caravan.archive.ArchiveLayout;
import dev.caravan.archive.ManifestWriter;
import dev.caravan.archive.StagedFile;
import dev.caravan.catalog.S3Catalog;
import dev.caravan.catalog.SftpCatalog;
import dev.caravan.testing.S3TestResource;
import dev.caravan.testing.SftpTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.quarkus.core.CamelRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a reader of an S3 or SFTP destination sees while a backup is being published there, polled
 * as fast as it can list: no archive under its final name before it is complete, no manifest
 * before every archive, and the catalog never names the backup before its manifest is there.
 * (The local destination's counterpart: {@code LocalPublisherTest}, {@code BackupCommandTest}.)
 */
@QuarkusTest
@WithTestResource(S3TestResource.class)
@WithTestResource(SftpTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishVisibilityTest {

    @Inject
    ProducerTemplate producer;

    @Inject
    CamelRuntime camel;

    @Inject
    S3Catalog s3Catalog;

    @Inject
    SftpCatalog sftpCatalog;

    private Path staging;

    @BeforeAll
    void startCamel() {
        camel.start(new String[0]);
    }

    @BeforeEach
    void newStagingFolder() throws IOException {
        staging = Files.createTempDirectory("caravan-visibility-");
    }

    @AfterEach
    void removeStagingFolder() {
        S3TestResource.deleteTree(staging);
    }

    @Test
    void s3ShowsEachArchiveOnlyWholeAndTheBackupOnlyWithItsManifest() throws Exception {
        // Two archives over the 5 MB part size: each goes up as a multipart upload.
        StagedTestBackup backup = StagedTestBackup.ofRandom(staging, 2, 6 * 1024 * 1024, "visible-s3", Instant.now());
        String folder = backup.folderKey() + "/";
        Watch watch = Watch.start(expectedSizes(backup),
                () -> {
                    Map<String, Long> seen = new HashMap<>();
                    for (S3Object o : S3TestResource.current().client()
                            .listObjectsV2Paginator(b -> b.bucket(S3TestResource.BUCKET).prefix(folder)).contents()) {
                        seen.put(o.key().substring(folder.length()), o.size());
                    }
                    return seen;
                },
                () -> listed(s3Catalog.list(S3TestResource.DESTINATION, "visible-s3"), backup));

        PublishResult result = publish("s3", backup.to(S3TestResource.DESTINATION));
        watch.stop();

        assertThat(result.error()).isNull();
        watch.assertNothingSeenEarly();
        assertThat(listed(s3Catalog.list(S3TestResource.DESTINATION, "visible-s3"), backup)).isTrue();
    }

    @Test
    void sftpShowsEachArchiveOnlyWholeAndTheBackupOnlyWithItsManifest() throws Exception {
        StagedTestBackup backup = StagedTestBackup.ofRandom(staging, 2, 4 * 1024 * 1024, "visible-sftp",
                Instant.now());
        Path folder = SftpTestResource.current().root().resolve("backups").resolve(backup.folderKey());
        Watch watch = Watch.start(expectedSizes(backup),
                () -> {
                    Map<String, Long> seen = new HashMap<>();
                    try (Stream<Path> files = Files.list(folder)) {
                        for (Path f : files.toList()) {
                            seen.put(f.getFileName().toString(), Files.size(f));
                        }
                    } catch (NoSuchFileException notYet) {
                        // the folder, or a file renamed between listing and reading
                    }
                    return seen;
                },
                () -> listed(sftpCatalog.list(SftpTestResource.PASSWORD_DESTINATION, "visible-sftp"), backup));

        PublishResult result = publish("sftp", backup.to(SftpTestResource.PASSWORD_DESTINATION));
        watch.stop();

        assertThat(result.error()).isNull();
        watch.assertNothingSeenEarly();
        // Each archive was seen being written, under its temporary name only.
        assertThat(watch.otherNames()).contains("shard-0.rdb.part", "shard-1.rdb.part");
        assertThat(listed(sftpCatalog.list(SftpTestResource.PASSWORD_DESTINATION, "visible-sftp"), backup)).isTrue();
    }

    private PublishResult publish(String type, PublishRequest request) {
        return producer.requestBody("direct:publish-" + type, request, PublishResult.class);
    }

    private static boolean listed(List<dev.caravan.archive.CatalogEntry> entries, StagedTestBackup backup) {
        return entries.stream().anyMatch(e -> e.id().equals(backup.manifest().id()));
    }

    /** Final names and sizes: each archive and the manifest. */
    private static Map<String, Long> expectedSizes(StagedTestBackup backup) throws IOException {
        Map<String, Long> sizes = new HashMap<>();
        for (StagedFile f : backup.files()) {
            sizes.put(f.path().getFileName().toString(), f.size());
        }
        sizes.put(ArchiveLayout.MANIFEST, (long) ManifestWriter.toBytes(backup.manifest()).length);
        return sizes;
    }

    /** A listing of the backup's folder: name to size. */
    interface Listing {
        Map<String, Long> list() throws Exception;
    }

    /**
     * Polls a destination while a publish runs. Each round asks the catalog first, then lists the
     * folder: the store only moves forward, so a backup the catalog named must be whole in the
     * listing taken after.
     */
    record Watch(Thread thread, AtomicBoolean done, List<String> problems, Set<String> otherNames,
            AtomicInteger partial) {

        static Watch start(Map<String, Long> expected, Listing listing, BooleanSupplier catalogNamesIt) {
            AtomicBoolean done = new AtomicBoolean();
            List<String> problems = new CopyOnWriteArrayList<>();
            Set<String> others = ConcurrentHashMap.newKeySet();
            AtomicInteger partial = new AtomicInteger();
            Thread thread = new Thread(() -> {
                while (!done.get()) {
                    try {
                        boolean named = catalogNamesIt.getAsBoolean();
                        Map<String, Long> seen = listing.list();
                        boolean whole = true;
                        for (Map.Entry<String, Long> e : expected.entrySet()) {
                            Long size = seen.get(e.getKey());
                            if (size != null && !size.equals(e.getValue())) {
                                problems.add(e.getKey() + " seen at " + size + " of " + e.getValue() + " bytes");
                            }
                            whole &= e.getValue().equals(size);
                        }
                        boolean archivesWhole = expected.entrySet().stream()
                                .filter(e -> !e.getKey().equals(ArchiveLayout.MANIFEST))
                                .allMatch(e -> e.getValue().equals(seen.get(e.getKey())));
                        if (seen.containsKey(ArchiveLayout.MANIFEST) && !archivesWhole) {
                            problems.add("manifest before its archives: " + seen);
                        }
                        if (named && !whole) {
                            problems.add("the catalog named the backup while its folder held " + seen);
                        }
                        if (!seen.isEmpty() && !seen.containsKey(ArchiveLayout.MANIFEST)) {
                            partial.incrementAndGet();
                        }
                        seen.keySet().stream().filter(n -> !expected.containsKey(n)).forEach(others::add);
                    } catch (Exception e) {
                        problems.add(e.toString());
                    }
                }
            }, "destination-watch");
            thread.start();
            return new Watch(thread, done, problems, others, partial);
        }

        void stop() throws InterruptedException {
            done.set(true);
            thread.join();
        }

        void assertNothingSeenEarly() {
            assertThat(problems).isEmpty();
            // Otherwise the watch never saw the publish under way and proved nothing.
            assertThat(partial.get()).as("listings that caught the backup half-published").isPositive();
        }
    }
}
