package dev.caravan.restore;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import dev.caravan.archive.ManifestFile;
import dev.caravan.rdb.RdbEntry;
import dev.caravan.rdb.RdbFormatException;
import dev.caravan.rdb.RdbParser;
import dev.caravan.rdb.RdbSummary;
import dev.caravan.rdb.RdbValue;
import dev.caravan.rdb.RdbVisitor;
import dev.caravan.restore.RestoreRefusedException.Reason;

/**
 * The verify pass (DESIGN §5), before anything touches the target.
 *
 * <p>By default ({@code caravan.restore.verify=checksum}) an archive whose manifest bounds the
 * requirements ({@link RdbRequirements.Collector#acceptManifest}) is checked by its size and SHA-256
 * alone: its backup parsed the same bytes in full (every record and nested encoding, the CRC64
 * trailer) before it wrote the manifest, so a flipped or missing byte is still refused here. On a
 * quiet 2-core machine a second parse would take about a third of the load's time (2.5-3 s against
 * 7-9 s for the bench's 855 MB RDB).
 *
 * <p>Any other archive, and every archive of a {@code "verify": "full"} restore, is decompressed and
 * parsed in full, and what it holds is compared with its manifest (the SHA-256 of a hard-linked
 * archive, which the fetch did not hash; RDB size, CRC64, keys per database). An archive still
 * being downloaded is parsed as it arrives ({@link ArchiveDownload}), and its check ends with its
 * download's (size and SHA-256), so a download from S3 or SFTP and the parse overlap instead of
 * adding up. The same pass collects what the keys the filter takes demand of the target
 * ({@link RdbRequirements}), which a server target is then checked against. Nothing is kept: the
 * load decompresses the archive again, so staging holds only the compressed archive.
 */
@ApplicationScoped
@Named("restoreVerifier")
public class RestoreVerifier {

    /** The route's step. */
    public void verify(RestorePlan plan) {
        RdbRequirements.Collector requirements = new RdbRequirements.Collector(plan.filter());
        List<Runnable> checks = new ArrayList<>();
        StoredBytes stored = new StoredBytes();
        long total = 0;
        long storedTotal = 0;
        boolean parsedAny = false;
        for (RestorePlan.Backup backup : plan.backups()) {
            for (RestorePlan.Archive archive : backup.archives()) {
                if (plan.checksumOnly() && backup.manifest() != null
                        && requirements.acceptManifest(backup.manifest().redis().rdbVersion(), archive.expected())) {
                    storedTotal += archive.expected().size();
                    checks.add(() -> checkStored(plan, backup, archive, stored));
                } else {
                    parsedAny = true;
                    total += archive.expected() != null ? archive.expected().rdbSize() : 0;
                    checks.add(() -> plan.addRdbBytes(verify(plan, backup, archive, requirements)));
                }
            }
        }
        // Progress in RDB bytes parsed; with no parse at all, in archive bytes downloaded or hashed.
        if (parsedAny) {
            plan.job().enter(RestoreJob.Phase.VERIFYING, total);
        } else {
            plan.job().enter(RestoreJob.Phase.VERIFYING, storedTotal, stored);
        }
        checks.forEach(Runnable::run);
        plan.verified(parsedAny ? RestoreRequest.VERIFY_FULL : RestoreRequest.VERIFY_CHECKSUM);
        plan.requirements(requirements.result());
        if (plan.targetInfo() != null) {
            RedisLoader.checkCompatible(plan.requirements(), plan.targetInfo());
        }
    }

    private static long verify(RestorePlan plan, RestorePlan.Backup backup, RestorePlan.Archive archive,
            RdbRequirements.Collector requirements) {
        KeyCounter keys = new KeyCounter(requirements);
        RdbSummary summary;
        long rdbBytes;
        ArchiveHash hash = archive.hashPending() ? ArchiveHash.start(archive.path()) : null;
        try (Counting rdb = new Counting(archive.openRdb(), plan.job())) {
            summary = new RdbParser(rdb).checkingInParallel().parse(keys);
            // Reading to the end makes the codec check its own trailer (zstd, gzip) and finds bytes after the RDB.
            if (rdb.read() >= 0) {
                throw corrupt(backup, archive, "there are bytes after the RDB's end");
            }
            rdbBytes = rdb.count;
        } catch (IOException | RestoreRefusedException e) {
            // A damaged archive is reported as what its manifest says it is not, whatever the parse met
            // first: so a download's failure or mismatch, once it has ended, comes before the parse's.
            checkBytes(plan, backup, archive, hash);
            if (e instanceof RestoreRefusedException refused) {
                throw refused;
            }
            throw corrupt(backup, archive, e instanceof RdbFormatException ? "the RDB is invalid: " + e.getMessage()
                    : e.getMessage());
        }
        checkBytes(plan, backup, archive, hash);
        ManifestFile expected = archive.expected();
        if (expected == null) {
            return rdbBytes;
        }
        if (rdbBytes != expected.rdbSize()) {
            throw corrupt(backup, archive, "the RDB has " + rdbBytes + " bytes, the manifest gives " + expected.rdbSize());
        }
        String crc = ManifestFile.crc64Hex(summary.storedChecksum());
        if (!crc.equals(expected.crc64())) {
            throw corrupt(backup, archive, "the RDB's CRC64 is " + crc + ", the manifest gives " + expected.crc64());
        }
        Map<Integer, Long> listed = new TreeMap<>();
        expected.databases().forEach(db -> listed.put(db.db(), db.keys()));
        if (!listed.equals(keys.perDb)) {
            throw corrupt(backup, archive, "the RDB has keys per db " + keys.perDb + ", the manifest gives " + listed);
        }
        return rdbBytes;
    }

    /**
     * An archive checked by its manifest alone ({@code "verify": "checksum"}): its size and SHA-256,
     * which tie it to the RDB its backup parsed in full before it wrote the manifest. It is not
     * read here; the load decompresses it.
     */
    private static void checkStored(RestorePlan plan, RestorePlan.Backup backup, RestorePlan.Archive archive,
            StoredBytes stored) {
        ArchiveHash hash = archive.hashPending() ? ArchiveHash.start(archive.path()) : null;
        stored.checking(hash != null ? hash::hashed : archive.download() != null ? archive.download()::written
                : () -> archive.expected().size());
        checkBytes(plan, backup, archive, hash);
        stored.checked(archive.expected().size());
        plan.addRdbBytes(archive.expected().rdbSize());
    }

    /**
     * Bytes of the archives checked by checksum alone, downloaded or hashed so far; one checked at a
     * time. Synchronized, so that a reader never sees an archive counted twice or not at all.
     */
    private static final class StoredBytes implements LongSupplier {
        private long checked;
        private LongSupplier current = () -> 0;

        synchronized void checking(LongSupplier progress) {
            current = progress;
        }

        synchronized void checked(long size) {
            checked += size;
            current = () -> 0;
        }

        @Override
        public synchronized long getAsLong() {
            return checked + current.getAsLong();
        }
    }

    /**
     * The archive's bytes against its manifest, where the parse could not tell: an archive still
     * arriving waits for the end of its download, which checks its size and SHA-256 (and throws
     * the refusal); a hard-linked one's hash, taken beside the parse, is compared.
     */
    private static void checkBytes(RestorePlan plan, RestorePlan.Backup backup, RestorePlan.Archive archive,
            ArchiveHash hash) {
        if (archive.download() != null) {
            try {
                plan.addFetched(archive.download().await());
            } catch (InterruptedIOException e) {
                throw new UncheckedIOException(e);
            }
        }
        checkHash(backup, archive, hash);
    }

    /** An archive the fetch linked instead of hashing: its hash, taken beside the parse, against its manifest. */
    private static void checkHash(RestorePlan.Backup backup, RestorePlan.Archive archive, ArchiveHash hash) {
        if (hash == null) {
            return;
        }
        String sha256;
        try {
            sha256 = hash.await();
        } catch (IOException e) {
            throw corrupt(backup, archive, "reading it to hash it failed: " + e.getMessage());
        }
        if (!sha256.equals(archive.expected().sha256())) {
            throw corrupt(backup, archive, shaMismatch(archive.expected(), sha256));
        }
    }

    static String shaMismatch(ManifestFile expected, String actual) {
        return "the SHA-256 of " + expected.file() + " is " + actual + ", its manifest gives " + expected.sha256();
    }

    private static RestoreRefusedException corrupt(RestorePlan.Backup backup, RestorePlan.Archive archive, String why) {
        return new RestoreRefusedException(Reason.CORRUPT_ARCHIVE, backup.describe(archive)
                + " failed its check, nothing was loaded: " + why);
    }

    /** Skips (and so checks) every value, counting keys per db and noting what each taken key needs. */
    private static final class KeyCounter implements RdbVisitor {
        final Map<Integer, Long> perDb = new TreeMap<>();
        final RdbRequirements.Collector requirements;

        KeyCounter(RdbRequirements.Collector requirements) {
            this.requirements = requirements;
        }

        @Override
        public void onEntry(RdbEntry entry, RdbValue value) throws IOException {
            long size = value.skip();
            perDb.merge(entry.db(), 1L, Long::sum);
            requirements.accept(entry, size);
        }
    }

    /** Counts decompressed bytes for the job's progress. */
    private static final class Counting extends FilterInputStream {
        final RestoreJob job;
        long count;

        Counting(InputStream in, RestoreJob job) {
            super(in);
            this.job = job;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                job.addBytes(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                job.addBytes(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            job.addBytes(skipped);
            return skipped;
        }
    }
}
