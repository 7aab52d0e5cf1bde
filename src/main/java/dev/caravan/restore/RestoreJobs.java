package dev.caravan.restore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The restore jobs this process knows, by id, for {@code GET /api/restores/{id}}: every job a
 * trigger started (HTTP, message, inbox) while it runs, and finished ones for a while after
 * ({@value #KEEP_FINISHED} at most, none older than {@link #FINISHED_TTL}), so that memory stays
 * bounded however many restores a long-running service sees. Jobs live in memory only: a
 * restart forgets them.
 */
@ApplicationScoped
@Named("restoreJobs")
public class RestoreJobs {

    /** Finished jobs kept at most; the oldest go first. */
    static final int KEEP_FINISHED = 200;
    static final Duration FINISHED_TTL = Duration.ofHours(24);

    /** Ids this registry hands out; anything else asked for is not a job (and never a path). */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Clock clock;
    /** In creation order, so the oldest finished jobs are dropped first. */
    private final Map<String, Entry> jobs = new LinkedHashMap<>();

    private record Entry(RestoreJob job, String targetKey) {
    }

    @Inject
    public RestoreJobs() {
        this(Clock.systemUTC());
    }

    RestoreJobs(Clock clock) {
        this.clock = clock;
    }

    /**
     * A new job into the target {@code targetKey} ({@link RestoreTarget#key()}), registered under a
     * fresh random id in phase QUEUED; empty while another job into that target is unfinished.
     */
    public synchronized Optional<RestoreJob> create(String targetKey) {
        prune();
        boolean taken = jobs.values().stream().anyMatch(e -> !e.job().finished() && e.targetKey().equals(targetKey));
        if (taken) {
            return Optional.empty();
        }
        RestoreJob job = new RestoreJob(UUID.randomUUID().toString(), clock);
        jobs.put(job.id(), new Entry(job, targetKey));
        return Optional.of(job);
    }

    /** Forgets a job that never started (its trigger refused it before it ran). */
    public synchronized void forget(RestoreJob job) {
        jobs.remove(job.id());
    }

    /** The job with this id; empty for an unknown or malformed id. */
    public synchronized Optional<RestoreJob> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        prune();
        return Optional.ofNullable(jobs.get(id)).map(Entry::job);
    }

    /** True if {@code id} has the form of a job id (whether or not such a job is known). */
    public static boolean isJobId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The jobs known now, oldest first. */
    public synchronized List<RestoreJob> all() {
        prune();
        List<RestoreJob> all = new ArrayList<>(jobs.size());
        jobs.values().forEach(e -> all.add(e.job()));
        return all;
    }

    private void prune() {
        Instant oldest = clock.instant().minus(FINISHED_TTL);
        long finished = jobs.values().stream().filter(e -> e.job().finished()).count();
        for (Iterator<Entry> it = jobs.values().iterator(); it.hasNext();) {
            Entry entry = it.next();
            if (!entry.job().finished()) {
                continue;
            }
            Instant finishedAt = entry.job().status().finishedAt();
            if (finished > KEEP_FINISHED || finishedAt.isBefore(oldest)) {
                it.remove();
                finished--;
            }
        }
    }
}
