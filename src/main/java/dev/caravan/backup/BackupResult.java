package dev.caravan.backup;

import java.util.List;

import dev.caravan.archive.Manifest;
import dev.caravan.config.CaravanConfig.Policy;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What {@code direct:backup} answers: the backup, what became of each copy, and whether that
 * meets the configured policy.
 *
 * @param copies      one per destination, in destination name order
 * @param locations   where each copy is, parallel to {@code copies}
 * @param pullMillis  how long pulling, checking and compressing took
 * @param vanishedKeys in scan mode, keys that SCAN returned but were gone by their DUMP (skipped); 0 in sync mode
 */
@RegisterForReflection
public record BackupResult(Manifest manifest, Policy policy, boolean policyMet, List<PublishResult> copies,
        List<String> locations, long pullMillis, long vanishedKeys) {

    public BackupResult {
        copies = List.copyOf(copies);
        locations = List.copyOf(locations);
    }

    /** Whether the copies that succeeded satisfy {@code policy}: all, at least one, or more than half. */
    public static boolean met(Policy policy, List<PublishResult> copies) {
        long ok = copies.stream().filter(PublishResult::ok).count();
        return switch (policy) {
            case ALL -> !copies.isEmpty() && ok == copies.size();
            case ANY -> ok > 0;
            case QUORUM -> ok * 2 > copies.size();
        };
    }

    /** RDB megabytes (10^6 bytes) per second over the pull, check and compression. */
    public double megabytesPerSecond() {
        long rdb = manifest.files().stream().mapToLong(f -> f.rdbSize()).sum();
        return rdb / 1e6 / (Math.max(1, pullMillis) / 1000.0);
    }
}
