package dev.caravan.restore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.caravan.archive.Codec;
import dev.caravan.archive.Manifest;
import dev.caravan.archive.ManifestFile;
import dev.caravan.archive.ReadAheadInputStream;

/**
 * One restore as the {@code restore} and {@code restore-file} routes carry it from step to step:
 * the checked request, the job, the resolved target, then what each step found (the fetched
 * archives, what the verify pass learnt, the load's report). Belongs to one exchange; the job is
 * what other threads read.
 */
public final class RestorePlan implements AutoCloseable {

    /**
     * An archive in staging (or, for a dropped file, where it was dropped), with what it must be.
     * {@code hashPending}: its SHA-256 is yet to be checked against {@code expected} (the fetch
     * hard-linked it; the verify pass hashes it beside its parse). {@code download}: when not null,
     * the archive is still arriving, and that download's outcome is part of its check.
     */
    public record Archive(String name, Codec codec, Path path, ManifestFile expected, boolean hashPending,
            ArchiveDownload download) {
        public Archive {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(path, "path");
            if (hashPending && expected == null) {
                throw new IllegalArgumentException("a SHA-256 to check needs a manifest that gives it");
            }
        }

        /** An archive already whole in staging. */
        public Archive(String name, Codec codec, Path path, ManifestFile expected, boolean hashPending) {
            this(name, codec, path, expected, hashPending, null);
        }

        /**
         * The staged archive's RDB, decompressed on a thread of its own a few chunks ahead of the
         * reader (each restore pass parses on one core while the other decompresses); the file
         * is closed with the stream, or at once on failure.
         */
        public InputStream openRdb() throws IOException {
            InputStream file = download != null ? download.open() : Files.newInputStream(path);
            try {
                return ReadAheadInputStream.of(codec.decompress(file), "caravan-decompress");
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
        }
    }

    /** One backup fetched from a destination; {@code manifest} is null for a dropped archive. */
    public record Backup(String id, String destination, Manifest manifest, List<Archive> archives) {
        public Backup {
            archives = List.copyOf(archives);
        }

        /** How a message names one of its archives: with its backup and destination, unless it was dropped. */
        String describe(Archive archive) {
            return manifest == null ? archive.name()
                    : archive.name() + " of backup " + id + " from destination " + destination;
        }
    }

    private final RestoreRequest request;
    private final RestoreJob job;
    private final RestoreTarget target;
    private final RestoreFilter filter;
    private final Path stagingDir;
    private final boolean checksumOnly;
    private final long startedNanos = System.nanoTime();
    private final List<Backup> backups = new ArrayList<>();
    private final LoadCounters counters = new LoadCounters();
    private final ArchiveDownloads downloads = new ArchiveDownloads();
    private long bytesFetched;
    private long rdbBytes;
    private RdbRequirements requirements;
    private String verified = RestoreRequest.VERIFY_FULL;
    private TargetInfo targetInfo;
    private LoadReport report;

    /**
     * @param checksumOnly true for archives with a manifest to be checked by their size and SHA-256
     *                     alone ({@link RestoreRequest#checksumOnly}), false for a full parse of each
     */
    public RestorePlan(RestoreRequest request, RestoreJob job, RestoreTarget target, RestoreFilter filter,
            Path stagingDir, boolean checksumOnly) {
        this.request = Objects.requireNonNull(request, "request");
        this.job = Objects.requireNonNull(job, "job");
        this.target = Objects.requireNonNull(target, "target");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.stagingDir = Objects.requireNonNull(stagingDir, "stagingDir");
        this.checksumOnly = checksumOnly;
        job.countKeys(counters);
    }

    public RestoreRequest request() {
        return request;
    }

    public RestoreJob job() {
        return job;
    }

    public RestoreTarget target() {
        return target;
    }

    public RestoreFilter filter() {
        return filter;
    }

    /** This job's own folder under {@code caravan.restore.staging-dir}, removed when the job ends. */
    public Path stagingDir() {
        return stagingDir;
    }

    public long startedNanos() {
        return startedNanos;
    }

    public List<Backup> backups() {
        return backups;
    }

    public LoadCounters counters() {
        return counters;
    }

    /** The archives still arriving, on the plan's fetch thread. */
    ArchiveDownloads downloads() {
        return downloads;
    }

    /** Stops a download still running (the job is over); its staging folder can go after this. */
    @Override
    public void close() {
        downloads.close();
    }

    public long bytesFetched() {
        return bytesFetched;
    }

    void addFetched(long bytes) {
        bytesFetched += bytes;
    }

    public long rdbBytes() {
        return rdbBytes;
    }

    void addRdbBytes(long bytes) {
        rdbBytes += bytes;
    }

    public RdbRequirements requirements() {
        return requirements;
    }

    void requirements(RdbRequirements found) {
        requirements = found;
    }

    /** True when archives with a manifest are checked by their size and SHA-256 alone, without a parse. */
    public boolean checksumOnly() {
        return checksumOnly;
    }

    /** How the archives were checked: {@code full}, or {@code checksum} when none was parsed in the verify pass. */
    public String verified() {
        return verified;
    }

    void verified(String how) {
        verified = how;
    }

    public TargetInfo targetInfo() {
        return targetInfo;
    }

    void targetInfo(TargetInfo info) {
        targetInfo = info;
    }

    public LoadReport report() {
        return report;
    }

    void report(LoadReport loaded) {
        report = loaded;
    }
}
