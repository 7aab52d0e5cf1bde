package dev.caravan.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.caravan.archive.ManifestFile;
import dev.caravan.backup.BackupProgress;
import dev.caravan.backup.BackupResult;
import dev.caravan.backup.PublishResult;
import dev.caravan.backup.SnapshotRefusedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's backups as Prometheus metrics ({@code /q/metrics}), all named
 * {@code caravan_backup_*}: runs and copies counted by outcome, durations, bytes and keys, and the
 * time of each source's last successful backup, the one to alert on. The README lists them.
 */
@ApplicationScoped
public class BackupMetrics {

    /** A backup whose copies met the policy. */
    static final String SUCCESS = "success";
    /** A backup whose copies did not meet the policy. */
    static final String POLICY_NOT_MET = "policy_not_met";
    /** A snapshot that failed its check: nothing was shipped. */
    static final String REFUSED = "refused";
    /** Anything that stopped a backup before its copies (Redis unreachable, a password, a full disk). */
    static final String ERROR = "error";

    private final MeterRegistry registry;
    /** Gauges read these; Micrometer holds gauges' state weakly, so they live here. */
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public BackupMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void done(String source, BackupResult result, BackupProgress progress) {
        String outcome = result.policyMet() ? SUCCESS : POLICY_NOT_MET;
        run(source, outcome, progress);
        for (PublishResult copy : result.copies()) {
            Counter.builder("caravan.backup.copies")
                    .description("Copies of backups published to a destination, by outcome (ok, failed)")
                    .tags("source", source, "destination", copy.destination(), "outcome", copy.ok() ? "ok" : "failed")
                    .register(registry).increment();
        }
        long rdb = result.manifest().files().stream().mapToLong(ManifestFile::rdbSize).sum();
        long archive = result.manifest().files().stream().mapToLong(ManifestFile::size).sum();
        long keys = result.manifest().files().stream()
                .flatMap(f -> f.databases().stream()).mapToLong(ManifestFile.DatabaseKeys::keys).sum();
        Counter.builder("caravan.backup.rdb").baseUnit("bytes").description("RDB bytes pulled by finished backups")
                .tag("source", source).register(registry).increment(rdb);
        Counter.builder("caravan.backup.archive").baseUnit("bytes")
                .description("Archive bytes (compressed) written by finished backups")
                .tag("source", source).register(registry).increment(archive);
        gauge("caravan.backup.last.rdb", "bytes", "RDB size of the source's last finished backup", source).set(rdb);
        gauge("caravan.backup.last.archive", "bytes", "Archive size of the source's last finished backup", source)
                .set(archive);
        gauge("caravan.backup.last.keys", null, "Keys in the source's last finished backup", source).set(keys);
        if (result.policyMet()) {
            gauge("caravan.backup.last.success.timestamp", "seconds",
                    "When the source's last successful backup finished (Unix time)", source)
                    .set(result.manifest().finishedAt().getEpochSecond());
        }
    }

    void failed(String source, Exception e, BackupProgress progress) {
        run(source, e instanceof SnapshotRefusedException ? REFUSED : ERROR, progress);
    }

    private void run(String source, String outcome, BackupProgress progress) {
        Counter.builder("caravan.backup")
                .description("Backups by outcome (success, policy_not_met, refused, error)")
                .tags("source", source, "outcome", outcome)
                .register(registry).increment();
        if (progress.pullStartedAt() != null && progress.finishedAt() != null) {
            Timer.builder("caravan.backup.duration").description("How long backups took, from pull to verdict")
                    .tags("source", source, "outcome", outcome)
                    .register(registry).record(Duration.between(progress.pullStartedAt(), progress.finishedAt()));
        }
    }

    private AtomicLong gauge(String name, String unit, String description, String source) {
        return gauges.computeIfAbsent(name + "|" + source, k -> {
            // A registry that outlives this bean (the global one across restarts in one JVM, as in
            // tests) would keep answering the old gauge, bound to the old state.
            Gauge stale = registry.find(name).tag("source", source).gauge();
            if (stale != null) {
                registry.remove(stale);
            }
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::doubleValue).baseUnit(unit).description(description)
                    .tag("source", source).register(registry);
            return value;
        });
    }
}
