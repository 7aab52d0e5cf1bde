package dev.caravan.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.caravan.archive.ArchiveLayout;
import dev.caravan.archive.BackupId;
import dev.caravan.archive.Codec;
import dev.caravan.archive.Manifest;
import dev.caravan.archive.ManifestFile;
import dev.caravan.archive.RedactedUri;
import dev.caravan.archive.StagedFile;
import dev.caravan.archive.StagingWriter;
import dev.caravan.config.CaravanConfig;
import dev.caravan.config.CaravanConfig.SourceMode;
import dev.caravan.rdb.RdbFormatException;
import dev.caravan.rdb.RdbParser;
import dev.caravan.rdb.RdbSummary;
import dev.caravan.rdb.ValidateVisitor;
import dev.caravan.redis.RedisUri;
import dev.caravan.redis.ScanSnapshot;
import dev.caravan.redis.ScanSnapshotter;
import dev.caravan.redis.Snapshot;
import dev.caravan.redis.SnapshotException;
import dev.caravan.redis.SnapshotPuller;
import dev.caravan.redis.SnapshotStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * Takes a snapshot (a replica's full sync, or in scan mode an RDB written from SCAN and DUMP) and, in the same pass over its bytes, checks it (CRC64 and every record),
 * compresses it into the staging folder and hashes the result (DESIGN §3): the parser reads the
 * payload through a tee that feeds the {@link StagingWriter}, so memory stays bounded whatever
 * the snapshot's size. A snapshot that fails its check is set aside as {@code .failed} and
 * refused; one that passes comes back with its manifest, ready to publish.
 */
@ApplicationScoped
@Named("snapshotPipeline")
public class SnapshotPipeline {

    /** A standalone server is one shard; a cluster's shards will be named after their nodes. */
    static final String STANDALONE_SHARD = "standalone";
    private static final int LARGEST_KEYS = 10;
    private static final Logger LOG = Logger.getLogger(SnapshotPipeline.class);

    private final BackupSettings settings;
    private final SnapshotPuller puller;
    private final ScanSnapshotter scanner;
    private final Clock clock;

    @Inject
    public SnapshotPipeline(BackupSettings settings) {
        this(settings, new SnapshotPuller(), new ScanSnapshotter(), Clock.systemUTC());
    }

    SnapshotPipeline(BackupSettings settings, SnapshotPuller puller, Clock clock) {
        this(settings, puller, new ScanSnapshotter(), clock);
    }

    SnapshotPipeline(BackupSettings settings, SnapshotPuller puller, ScanSnapshotter scanner, Clock clock) {
        this.settings = settings;
        this.puller = puller;
        this.scanner = scanner;
        this.clock = clock;
    }

    /** The route's step: the configured source's snapshot, staged and checked. */
    public StagedBackup snapshot(BackupRequest request) throws IOException {
        CaravanConfig.Source source = settings.source(request.source());
        return stage(request.source(), RedisUri.parse(source.uri()), source.mode(), settings.codec(),
                settings.layout(), settings.stagingDir());
    }

    StagedBackup stage(String source, RedisUri uri, Codec codec, ArchiveLayout layout, Path stagingRoot)
            throws IOException {
        return stage(source, uri, SourceMode.SYNC, codec, layout, stagingRoot);
    }

    StagedBackup stage(String source, RedisUri uri, SourceMode mode, Codec codec, ArchiveLayout layout,
            Path stagingRoot) throws IOException {
        Instant startedAt = clock.instant();
        BackupId id = BackupId.generate(clock);
        String folderKey = layout.backupFolder(source, id);
        Path stagingDir = stagingRoot.resolve(source).resolve(id.toString());
        long start = System.nanoTime();
        try (SnapshotStream snapshot = mode == SourceMode.SCAN ? scanner.scan(uri) : puller.pull(uri)) {
            ValidateVisitor stats = new ValidateVisitor(LARGEST_KEYS);
            StagingWriter writer = StagingWriter.open(stagingDir, ArchiveLayout.archiveFileName(STANDALONE_SHARD, codec),
                    codec, ArchiveLayout.rdbFileName(STANDALONE_SHARD));
            RdbSummary summary;
            StagedFile staged;
            try {
                TeeInputStream tee = new TeeInputStream(snapshot.payload(), writer);
                summary = new RdbParser(tee).parse(stats);
                tee.drain();
                if (!snapshot.complete()) {
                    throw new SnapshotException(SnapshotException.Kind.TRUNCATED, "the snapshot from " + uri
                            + " ended before its announced end");
                }
                staged = writer.commit();
            } catch (RdbFormatException | SnapshotException e) {
                throw refuse(writer, uri, e);
            } catch (IOException | RuntimeException e) {
                abortQuietly(writer, e);
                throw e;
            }
            long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            Manifest.Replication replication = snapshot instanceof Snapshot sync
                    ? new Manifest.Replication(sync.replicationId(), sync.offset()) : null;
            long vanished = 0;
            if (snapshot instanceof ScanSnapshot scan) {
                vanished = scan.vanishedKeys();
                LOG.infof("scan of %s: %d keys written, %d vanished between SCAN and DUMP (skipped), %d returned"
                        + " twice by SCAN (written once); not a point in time", uri, scan.keys(), vanished,
                        scan.repeatedKeys());
            }
            Manifest manifest = new Manifest(id, new Manifest.Source(source, RedactedUri.of(uri.redacted())),
                    new Manifest.Redis(redisVersion(stats), summary.version()),
                    replication == null ? Manifest.Mode.SCAN : Manifest.Mode.SYNC, replication, startedAt,
                    latest(startedAt, clock.instant()), List.of(fileEntry(staged, summary, stats)));
            return new StagedBackup(manifest, List.of(staged), folderKey, stagingDir, millis, vanished);
        }
    }

    /** Sets the staging file aside and says why the snapshot was refused. */
    private static SnapshotRefusedException refuse(StagingWriter writer, RedisUri uri, IOException reason) {
        Path kept = null;
        try {
            kept = writer.abort(reason);
        } catch (IOException e) {
            reason.addSuppressed(e);
        }
        return new SnapshotRefusedException("snapshot from " + uri + " refused, nothing was shipped: "
                + reason.getMessage() + (kept == null ? "" : " (staging file kept at " + kept + ")"), kept, reason);
    }

    private static void abortQuietly(StagingWriter writer, Exception reason) {
        try {
            writer.abort(reason);
        } catch (IOException e) {
            reason.addSuppressed(e);
        }
    }

    private static ManifestFile fileEntry(StagedFile staged, RdbSummary summary, ValidateVisitor stats) {
        List<ManifestFile.DatabaseKeys> databases = new ArrayList<>();
        stats.perDbAndFamily().forEach((db, families) -> {
            Map<String, Long> byType = new TreeMap<>();
            families.forEach((family, counts) -> byType.put(family, counts.keys()));
            ValidateVisitor.Counts total = stats.perDb().get(db);
            databases.add(new ManifestFile.DatabaseKeys(db, total.keys(), total.expiringKeys(), byType));
        });
        List<ManifestFile.LargestKey> largest = stats.largestKeys().stream()
                .map(k -> ManifestFile.LargestKey.of(k.db(), k.key(), k.type().family(), k.serializedSize()))
                .toList();
        return new ManifestFile(STANDALONE_SHARD, staged.path().getFileName().toString(), staged.codec(),
                ManifestFile.NO_ENCRYPTION, staged.size(), staged.rawBytes(), staged.sha256(),
                ManifestFile.crc64Hex(summary.storedChecksum()), databases, largest, List.of());
    }

    /** From the RDB's {@code redis-ver} aux field; servers before 3.2 do not write it ({@code 0}: unknown). */
    private static String redisVersion(ValidateVisitor stats) {
        return stats.aux().getOrDefault("redis-ver", "0");
    }

    /** A wall clock may step back during a backup; the manifest refuses an end before the start. */
    private static Instant latest(Instant a, Instant b) {
        return b.isBefore(a) ? a : b;
    }

}
