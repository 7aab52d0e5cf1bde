package dev.caravan.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPublisherTest {

    private static final ArchiveLayout LAYOUT = new ArchiveLayout("prod");
    private static final Codecs CODECS = Codecs.standard();

    @TempDir
    Path staging;
    @TempDir
    Path destination;

    /** Stages one file per shard with the given codecs, returning the staged files. */
    private List<StagedFile> stage(int bytesPerShard, String... codecs) throws IOException {
        List<StagedFile> staged = new ArrayList<>();
        for (int i = 0; i < codecs.length; i++) {
            Codec codec = CODECS.byName(codecs[i]);
            String shard = "shard-" + i;
            try (StagingWriter writer = StagingWriter.open(staging, ArchiveLayout.archiveFileName(shard, codec), codec,
                    ArchiveLayout.rdbFileName(shard))) {
                writer.write(TestData.mixed(bytesPerShard, i));
                staged.add(writer.commit());
            }
        }
        return staged;
    }

    private static Manifest manifestFor(BackupId id, List<StagedFile> staged) {
        List<ManifestFile> files = new ArrayList<>();
        for (int i = 0; i < staged.size(); i++) {
            StagedFile s = staged.get(i);
            files.add(new ManifestFile("shard-" + i, s.path().getFileName().toString(), s.codec(), "none", s.size(),
                    s.rawBytes(), s.sha256(), "00000000000000ff",
                    List.of(new ManifestFile.DatabaseKeys(0, 1, 0, Map.of("string", 1L))), List.of(), List.of()));
        }
        return new Manifest(id, new Manifest.Source("main", RedactedUri.of("redis://localhost")),
                new Manifest.Redis("7.2.4", 11), Manifest.Mode.SCAN, null, id.startedAt(), id.startedAt().plusSeconds(5),
                files);
    }

    @Test
    void publishesArchivesThenTheManifestUnderTheLayout() throws IOException {
        BackupId id = BackupId.parse("20261124T083000Z-7f3a");
        List<StagedFile> staged = stage(200_000, "zstd", "gzip");
        Path manifest = new LocalPublisher(destination, LAYOUT).publish(manifestFor(id, staged), staged);

        Path folder = destination.resolve("prod/main/20261124T083000Z-7f3a");
        assertThat(manifest).isEqualTo(folder.resolve("manifest.json"));
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("manifest.json", "shard-0.rdb.zst", "shard-1.rdb.gz");
        }
        assertThat(Files.readAllBytes(folder.resolve("shard-0.rdb.zst"))).isEqualTo(Files.readAllBytes(staged.get(0).path()));
        assertThat(ManifestReader.read(Files.readAllBytes(manifest))).isEqualTo(manifestFor(id, staged));
        assertThatThrownBy(() -> new LocalPublisher(destination, LAYOUT).publish(manifestFor(id, staged), staged))
                .isInstanceOf(FileAlreadyExistsException.class);
    }

    /** Staging and destination on one file system: each archive is the staged file under a second name. */
    @Test
    void linksArchivesOnTheSameFileSystemAndTheyOutliveTheStaging() throws IOException {
        assertThat(Files.getFileStore(staging)).isEqualTo(Files.getFileStore(destination));
        BackupId id = BackupId.parse("20261124T083000Z-11a0");
        List<StagedFile> staged = stage(300_000, "zstd", "none");
        byte[][] contents = {Files.readAllBytes(staged.get(0).path()), Files.readAllBytes(staged.get(1).path())};
        Path other = destination.resolve("second");
        new LocalPublisher(destination, LAYOUT).publish(manifestFor(id, staged), staged);
        new LocalPublisher(other, LAYOUT).publish(manifestFor(id, staged), staged);

        for (Path root : List.of(destination, other)) {
            Path folder = root.resolve("prod/main/" + id);
            for (int i = 0; i < staged.size(); i++) {
                Path published = folder.resolve(staged.get(i).path().getFileName());
                assertThat(Files.isSameFile(published, staged.get(i).path())).as(published + " is a link").isTrue();
            }
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(Path::toString)).noneMatch(name -> name.contains(LocalPublisher.PART));
            }
        }
        for (StagedFile s : staged) {
            Files.delete(s.path());
        }
        for (Path root : List.of(destination, other)) {
            Path folder = root.resolve("prod/main/" + id);
            assertThat(Files.readAllBytes(folder.resolve("shard-0.rdb.zst"))).isEqualTo(contents[0]);
            assertThat(Files.readAllBytes(folder.resolve("shard-1.rdb"))).isEqualTo(contents[1]);
            assertThat(new LocalCatalog(root, LAYOUT).list("main")).extracting(CatalogEntry::id).containsExactly(id);
        }
    }

    /** A link is not re-hashed, but a staged file whose size changed is still refused, and nothing is left. */
    @Test
    void refusesALinkedStagedFileWhoseSizeChanged() throws IOException {
        BackupId id = BackupId.parse("20261124T083000Z-11a1");
        List<StagedFile> staged = stage(100_000, "zstd");
        Manifest manifest = manifestFor(id, staged);
        Files.write(staged.get(0).path(), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> new LocalPublisher(destination, LAYOUT).publish(manifest, staged))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the staged file changed");
        try (Stream<Path> files = Files.list(destination.resolve("prod/main/" + id))) {
            assertThat(files).isEmpty();
        }
    }

    /**
     * Staging on another file system (/dev/shm, a tmpfs, while the temporary folders are not):
     * the link is refused by the kernel and the archive is copied and re-hashed instead.
     */
    @Test
    void copiesAcrossFileSystems() throws IOException {
        Path shm = Path.of("/dev/shm");
        assertThat(Files.getFileStore(shm)).as("/dev/shm must be its own file system for this test")
                .isNotEqualTo(Files.getFileStore(destination));
        Path elsewhere = Files.createTempDirectory(shm, "caravan-staging");
        try {
            Codec codec = CODECS.byName("zstd");
            StagedFile file;
            try (StagingWriter writer = StagingWriter.open(elsewhere, ArchiveLayout.archiveFileName("shard-0", codec),
                    codec, ArchiveLayout.rdbFileName("shard-0"))) {
                writer.write(TestData.mixed(200_000, 0));
                file = writer.commit();
            }
            BackupId id = BackupId.parse("20261124T083000Z-11a2");
            new LocalPublisher(destination, LAYOUT).publish(manifestFor(id, List.of(file)), List.of(file));

            Path published = destination.resolve("prod/main/" + id + "/shard-0.rdb.zst");
            assertThat(Files.isSameFile(published, file.path())).isFalse();
            assertThat(Files.readAllBytes(published)).isEqualTo(Files.readAllBytes(file.path()));
        } finally {
            try (Stream<Path> files = Files.list(elsewhere)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(elsewhere);
        }
    }

    @Test
    void refusesAStagedFileThatDoesNotMatchItsEntry() throws IOException {
        BackupId id = BackupId.parse("20261124T083000Z-0001");
        List<StagedFile> staged = stage(100_000, "zip");
        Manifest manifest = manifestFor(id, staged);
        byte[] bytes = Files.readAllBytes(staged.get(0).path());
        bytes[bytes.length / 2] ^= 1;
        Files.write(staged.get(0).path(), bytes);

        assertThatThrownBy(() -> LocalPublisher.copying(destination, LAYOUT).publish(manifest, staged))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the staged file changed");
        Path folder = destination.resolve("prod/main/20261124T083000Z-0001");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
        assertThat(new LocalCatalog(destination, LAYOUT).list("main")).isEmpty();
    }

    /**
     * A lister polls the backup folder while a copying publish runs: every file it sees under a
     * final name is already complete, and once it sees the manifest, every archive is there.
     */
    @Test
    void concurrentListerSeesOnlyCompleteFilesAndTheManifestLast() throws Exception {
        BackupId id = BackupId.parse("20261124T083000Z-beef");
        List<StagedFile> staged = stage(12 * 1024 * 1024, "none", "none", "none");
        Manifest manifest = manifestFor(id, staged);
        Map<String, Long> expectedSizes = new ConcurrentHashMap<>();
        for (ManifestFile file : manifest.files()) {
            expectedSizes.put(file.file(), file.size());
        }
        Path folder = destination.resolve("prod/main/" + id);
        LocalCatalog catalog = new LocalCatalog(destination, LAYOUT);
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        int[] looks = new int[2];

        Thread lister = new Thread(() -> {
            while (!done.get()) {
                try {
                    looks[0]++;
                    check(folder, expectedSizes, problems, looks);
                    if (!catalog.list("main").isEmpty() && !Files.exists(folder.resolve("shard-2.rdb"))) {
                        problems.add("listed before the last archive was published");
                    }
                } catch (NoSuchFileException folderNotYetThere) {
                    // The publish has not created the folder yet.
                } catch (IOException e) {
                    problems.add(e.toString());
                }
            }
        });
        lister.start();
        LocalPublisher.copying(destination, LAYOUT).publish(manifest, staged);
        done.set(true);
        lister.join();

        assertThat(problems).isEmpty();
        assertThat(looks[1]).as("looks that saw a partial file name").isPositive();
        assertThat(catalog.list("main")).extracting(CatalogEntry::id).containsExactly(id);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.contains(LocalPublisher.PART));
        }
    }

    private static void check(Path folder, Map<String, Long> expectedSizes, List<String> problems, int[] looks)
            throws IOException {
        List<Path> names;
        try (Stream<Path> files = Files.list(folder)) {
            names = files.toList();
        }
        boolean manifestSeen = false;
        for (Path path : names) {
            String name = path.getFileName().toString();
            if (name.contains(LocalPublisher.PART)) {
                looks[1]++;
            } else if (name.equals(ArchiveLayout.MANIFEST)) {
                manifestSeen = true;
                ManifestReader.read(Files.readAllBytes(path));
            } else if (Files.size(path) != expectedSizes.get(name)) {
                problems.add(name + " visible with " + Files.size(path) + " of " + expectedSizes.get(name) + " bytes");
            }
        }
        if (manifestSeen && names.stream().filter(p -> expectedSizes.containsKey(p.getFileName().toString())).count()
                != expectedSizes.size()) {
            problems.add("manifest visible before every archive: " + names);
        }
    }

    @Test
    void catalogListsOnlyFoldersWithAManifestNewestFirst() throws IOException {
        Random random = new Random(4);
        BackupId older = BackupId.generate(Instant.parse("2026-11-23T08:00:00Z"), random);
        BackupId newer = BackupId.generate(Instant.parse("2026-11-24T08:00:00Z"), random);
        BackupId unfinished = BackupId.generate(Instant.parse("2026-11-25T08:00:00Z"), random);
        LocalPublisher publisher = new LocalPublisher(destination, LAYOUT);
        for (BackupId id : List.of(newer, older)) {
            List<StagedFile> staged = stage(10_000, "zstd");
            publisher.publish(manifestFor(id, staged), staged);
            for (StagedFile s : staged) {
                Files.delete(s.path());
            }
        }
        Path source = destination.resolve("prod/main");
        Files.createDirectories(source.resolve(unfinished.toString()));
        Files.writeString(source.resolve(unfinished + "/shard-0.rdb.zst"), "half");
        Files.createDirectories(source.resolve("not-an-id"));
        Files.writeString(source.resolve("not-an-id/manifest.json"), "{}");
        Files.writeString(source.resolve("stray.txt"), "x");

        LocalCatalog catalog = new LocalCatalog(destination, LAYOUT);
        assertThat(catalog.list("main")).extracting(CatalogEntry::id).containsExactly(newer, older);
        assertThat(catalog.latest("main")).map(CatalogEntry::id).contains(newer);
        assertThat(catalog.read(catalog.latest("main").orElseThrow()).id()).isEqualTo(newer);
        assertThat(catalog.list("other")).isEmpty();
        assertThatThrownBy(() -> catalog.list("../prod")).isInstanceOf(IllegalArgumentException.class);
    }
}
