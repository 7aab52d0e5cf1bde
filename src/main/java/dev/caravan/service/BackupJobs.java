package dev.caravan.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.caravan.archive.BackupId;
import dev.caravan.backup.BackupProgress;
import dev.caravan.backup.BackupRequest;
import dev.caravan.backup.BackupResult;
import dev.caravan.backup.BackupSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * The service's backups, whatever triggered them (HTTP, a schedule): at most one running per
 * source, each under the backup id it will have, the last {@value #HISTORY} finished ones kept for
 * their status. The {@code backup-jobs} route runs them; this registry accepts them, hands the
 * route its request and records how each ended (and tells the metrics).
 */
@ApplicationScoped
@Named("backupJobs")
public class BackupJobs {

    /** Finished jobs kept for GET /api/backups/{id}; older ones are forgotten (their archives are not). */
    public static final int HISTORY = 100;

    private static final Logger LOG = Logger.getLogger(BackupJobs.class);

    private final BackupSettings settings;
    private final BackupMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, BackupJob> running = new HashMap<>();
    private final Map<BackupId, BackupJob> finished = new LinkedHashMap<>();

    public BackupJobs(BackupSettings settings, BackupMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Accepts a backup of {@code source}, QUEUED until the route takes it.
     *
     * @throws BackupRefusedException UNKNOWN naming the configured sources, or ALREADY_RUNNING
     *                                naming the running backup and when it started
     */
    public synchronized BackupJob submit(String source, String trigger) {
        if (!settings.sourceNames().contains(source)) {
            throw new BackupRefusedException(BackupRefusedException.Kind.UNKNOWN, "no source '" + source
                    + "' is configured (caravan.sources." + source + ".uri); configured: "
                    + String.join(", ", settings.sourceNames()));
        }
        BackupJob current = running.get(source);
        if (current != null) {
            throw new BackupRefusedException(BackupRefusedException.Kind.ALREADY_RUNNING, "a backup of source '"
                    + source + "' is already running (backup " + current.id() + ", started "
                    + current.progress().queuedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "); try again when it ends");
        }
        BackupId id = BackupId.generate(clock);
        while (find(id).isPresent()) {
            id = BackupId.generate(clock);
        }
        BackupJob job = new BackupJob(id, source, trigger, new BackupProgress(id, clock));
        running.put(source, job);
        return job;
    }

    /**
     * A schedule's trigger: the job to run, or null when a backup of the source is running (the
     * firing is skipped, not queued: the running one is as fresh).
     */
    public BackupJob scheduled(String source) {
        try {
            return submit(source, "schedule");
        } catch (BackupRefusedException e) {
            if (e.kind() != BackupRefusedException.Kind.ALREADY_RUNNING) {
                throw e;
            }
            LOG.infof("scheduled backup of source '%s' skipped: %s", source, e.getMessage());
            return null;
        }
    }

    /** The route's first step: the job's request, with its progress on the exchange for the pipeline. */
    public BackupRequest start(BackupJob job, Exchange exchange) {
        exchange.setProperty(BackupProgress.PROPERTY, job.progress());
        return new BackupRequest(job.source());
    }

    public void done(BackupJob job, BackupResult result) {
        job.done(result);
        end(job);
        metrics.done(job.source(), result, job.progress());
    }

    /** The route caught the backup's exception. */
    public void failed(BackupJob job, Exchange exchange) {
        Exception e = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = e == null ? "unknown failure" : e.getMessage() != null ? e.getMessage() : e.toString();
        job.failed(reason);
        end(job);
        metrics.failed(job.source(), e, job.progress());
        LOG.warnf("backup %s of source '%s' failed: %s", job.id(), job.source(), reason);
    }

    public synchronized Optional<BackupJob> find(BackupId id) {
        BackupJob job = finished.get(id);
        if (job != null) {
            return Optional.of(job);
        }
        return running.values().stream().filter(j -> j.id().equals(id)).findFirst();
    }

    /** The running backup of each source that has one. */
    public synchronized List<BackupJob> running() {
        return new ArrayList<>(running.values());
    }

    private synchronized void end(BackupJob job) {
        running.remove(job.source(), job);
        finished.put(job.id(), job);
        if (finished.size() > HISTORY) {
            finished.remove(finished.keySet().iterator().next());
        }
    }
}
