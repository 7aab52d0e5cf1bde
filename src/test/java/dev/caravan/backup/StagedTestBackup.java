package dev.caravan.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.caravan.archive.ArchiveLayout;
import dev.caravan.archive.BackupId;
import dev.caravan.archive.Codec;
import dev.caravan.archive.Codecs;
import dev.caravan.archive.Manifest;
import dev.caravan.archive.ManifestFile;
import dev.caravan.archive.RedactedUri;
import dev.caravan.archive.StagedFile;
import dev.caravan.archive.StagingWriter;
import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.S3TestResource;

/**
 * A staged backup as the backup route hands it to a destination: archives written by
 * {@link StagingWriter} and their manifest, with the source's {@code DEBUG DIGEST} to compare a
 * restored copy against.
 */
record StagedTestBackup(Manifest manifest, List<StagedFile> files, String digest) {

    /** As the backup route lays out keys for the test destinations. */
    static final ArchiveLayout LAYOUT = new ArchiveLayout(S3TestResource.PREFIX);

    /** An RDB saved by a real redis-server seeded with every type, staged with zstd. */
    static StagedTestBackup ofRedis(Path staging) throws IOException {
        try (RedisServerFixture server = RedisServerFixture.start()) {
            Datasets.seedEveryType(server);
            Path rdb = server.save();
            Codec zstd = Codecs.standard().byName("zstd");
            StagedFile staged;
            try (StagingWriter writer = StagingWriter.open(staging, ArchiveLayout.archiveFileName("node", zstd), zstd,
                    ArchiveLayout.rdbFileName("node"))) {
                Files.copy(rdb, writer);
                staged = writer.commit();
            }
            return of(List.of(staged), server.digest(), server.version(), server.rdbVersion(), "main", Instant.now());
        }
    }

    /** Shards of incompressible bytes stored as they are, {@code bytes} each. */
    static StagedTestBackup ofRandom(Path staging, int shards, int bytes) throws IOException {
        return ofRandom(staging, shards, bytes, "main", Instant.now());
    }

    /** As {@link #ofRandom(Path, int, int)}, of a given source, started at a given time. */
    static StagedTestBackup ofRandom(Path staging, int shards, int bytes, String source, Instant startedAt)
            throws IOException {
        Codec none = Codecs.standard().byName("none");
        List<StagedFile> files = new ArrayList<>();
        Random random = new Random(shards * 31L + bytes);
        byte[] block = new byte[64 * 1024];
        for (int i = 0; i < shards; i++) {
            try (StagingWriter writer = StagingWriter.open(staging, ArchiveLayout.archiveFileName("shard-" + i, none),
                    none, ArchiveLayout.rdbFileName("shard-" + i))) {
                for (int left = bytes; left > 0; left -= block.length) {
                    random.nextBytes(block);
                    writer.write(block, 0, Math.min(left, block.length));
                }
                files.add(writer.commit());
            }
        }
        return of(files, null, "7.2.4", 11, source, startedAt);
    }

    private static StagedTestBackup of(List<StagedFile> staged, String digest, String version, int rdbVersion,
            String source, Instant startedAt) {
        BackupId id = BackupId.generate(startedAt, new Random());
        List<ManifestFile> files = new ArrayList<>();
        for (StagedFile s : staged) {
            String name = s.path().getFileName().toString();
            files.add(new ManifestFile(name.substring(0, name.indexOf(".rdb")), name, s.codec(),
                    ManifestFile.NO_ENCRYPTION, s.size(), s.rawBytes(), s.sha256(), "00000000000000ff",
                    List.of(new ManifestFile.DatabaseKeys(0, 1, 0, Map.of("string", 1L))), List.of(), List.of()));
        }
        Manifest manifest = new Manifest(id, new Manifest.Source(source, RedactedUri.of("redis://localhost:6379")),
                new Manifest.Redis(version, rdbVersion), Manifest.Mode.SCAN, null, id.startedAt(),
                id.startedAt().plusSeconds(1), files);
        return new StagedTestBackup(manifest, staged, digest);
    }

    String folderKey() {
        return LAYOUT.backupFolder(manifest.source().name(), manifest.id());
    }

    PublishRequest to(String destination) {
        return new PublishRequest(destination, folderKey(), manifest, files);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
