package dev.caravan.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.caravan.archive.Manifest;
import dev.caravan.archive.ManifestFile;
import dev.caravan.backup.BackupProgress;
import dev.caravan.backup.BackupResult;
import dev.caravan.backup.BackupSettings;
import dev.caravan.backup.PublishResult;
import dev.caravan.service.BackupJob;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What GET /api/backups/{id} answers: where a backup stands (phase, RDB bytes so far and the
 * rate), each destination's copy as it lands, and once DONE the policy's verdict and what the
 * manifest says; once FAILED, the reason.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupStatus(String id, String source, String trigger, BackupProgress.Phase phase, Instant queuedAt,
        Instant startedAt, Instant finishedAt, long bytes, long bytesPerSecond, List<Copy> destinations,
        String policy, Boolean policyMet, Summary manifest, String error) {

    /** One destination's copy: ok with where it is, or failed with the reason, and the attempts it took. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Copy(String destination, boolean ok, String location, String error, int attempts, long bytes) {
    }

    /** The manifest in brief; the whole one is beside the archive. */
    @RegisterForReflection
    public record Summary(String redisVersion, int rdbVersion, long rdbBytes, long archiveBytes, String codec,
            long keys, long expiringKeys, Map<Integer, Long> keysPerDb) {

        static Summary of(Manifest manifest) {
            long rdb = 0;
            long archive = 0;
            long keys = 0;
            long expiring = 0;
            Map<Integer, Long> perDb = new TreeMap<>();
            String codec = null;
            for (ManifestFile f : manifest.files()) {
                rdb += f.rdbSize();
                archive += f.size();
                codec = f.codec();
                for (ManifestFile.DatabaseKeys db : f.databases()) {
                    keys += db.keys();
                    expiring += db.expiringKeys();
                    perDb.merge(db.db(), db.keys(), Long::sum);
                }
            }
            return new Summary(manifest.redis().version(), manifest.redis().rdbVersion(), rdb, archive, codec, keys,
                    expiring, perDb);
        }
    }

    static BackupStatus of(BackupJob job, BackupSettings settings) {
        BackupProgress p = job.progress();
        // The phase first: a job sets its result before it turns DONE, so a DONE read here comes
        // with its result. Read the other way round, a status could say DONE with no manifest.
        BackupProgress.Phase phase = p.phase();
        BackupResult result = job.result();
        List<Copy> copies = new ArrayList<>();
        List<PublishResult> landed = result != null ? result.copies() : p.copies();
        for (PublishResult c : landed) {
            String location = c.ok() && p.folderKey() != null ? settings.describe(c.destination(), p.folderKey()) : null;
            copies.add(new Copy(c.destination(), c.ok(), location, c.error(), c.attempts(), c.bytes()));
        }
        return new BackupStatus(job.id().toString(), job.source(), job.trigger(), phase, p.queuedAt(),
                p.pullStartedAt(), p.finishedAt(), p.bytes(), Math.round(p.bytesPerSecond()), copies,
                result == null ? null : result.policy().name().toLowerCase(java.util.Locale.ROOT),
                result == null ? null : result.policyMet(),
                result == null ? null : Summary.of(result.manifest()), job.error());
    }
}
