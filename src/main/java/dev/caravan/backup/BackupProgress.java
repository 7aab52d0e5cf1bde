package dev.caravan.backup;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.caravan.archive.BackupId;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How far one backup has come, for whoever watches it (the HTTP API, the CLI's progress bar)
 * while the {@code backup} route runs on another thread: the phase, the snapshot bytes pulled so
 * far, and each destination's result as it lands. The route finds it in the exchange property
 * {@link #PROPERTY}; without one, a backup runs unwatched.
 */
public final class BackupProgress {

    /** The exchange property that carries a backup's progress through the routes. */
    public static final String PROPERTY = "caravanProgress";

    /** Written by name in the API's JSON. */
    @RegisterForReflection
    public enum Phase { QUEUED, PULLING, PUBLISHING, DONE, FAILED }

    private final BackupId id;
    private final Clock clock;
    private final Instant queuedAt;
    private final AtomicLong bytes = new AtomicLong();
    private final List<PublishResult> copies = new CopyOnWriteArrayList<>();
    private volatile Phase phase = Phase.QUEUED;
    private volatile Instant pullStartedAt;
    private volatile long pullStartNanos;
    private volatile long pullNanos = -1;
    private volatile Instant finishedAt;
    private volatile String folderKey;

    /** @param id the id the backup will have, chosen before its pull starts */
    public BackupProgress(BackupId id, Clock clock) {
        this.id = id;
        this.clock = clock;
        this.queuedAt = clock.instant();
    }

    public BackupId id() {
        return id;
    }

    public Phase phase() {
        return phase;
    }

    public Instant queuedAt() {
        return queuedAt;
    }

    /** When the pull started; null while queued. */
    public Instant pullStartedAt() {
        return pullStartedAt;
    }

    /** When the backup ended, done or failed; null while it runs. */
    public Instant finishedAt() {
        return finishedAt;
    }

    /** Snapshot (RDB) bytes pulled so far. */
    public long bytes() {
        return bytes.get();
    }

    /** RDB bytes per second over the pull so far (or over the whole pull once it is over); 0 before it starts. */
    public double bytesPerSecond() {
        if (pullStartedAt == null) {
            return 0;
        }
        long nanos = pullNanos >= 0 ? pullNanos : System.nanoTime() - pullStartNanos;
        return nanos <= 0 ? 0 : bytes.get() * 1e9 / nanos;
    }

    /** The destinations' results that have landed, in the order they landed. */
    public List<PublishResult> copies() {
        return List.copyOf(copies);
    }

    /** {@code <prefix>/<source>/<backup-id>} once the snapshot is staged; null before. */
    public String folderKey() {
        return folderKey;
    }

    void pulling() {
        pullStartNanos = System.nanoTime();
        pullStartedAt = clock.instant();
        phase = Phase.PULLING;
    }

    void pulled(long n) {
        bytes.addAndGet(n);
    }

    void publishing(String folderKey) {
        pullNanos = System.nanoTime() - pullStartNanos;
        this.folderKey = folderKey;
        phase = Phase.PUBLISHING;
    }

    void copied(PublishResult result) {
        copies.add(result);
    }

    /** The backup ended: {@code ok} when it produced a result (whatever its policy says). */
    public void finished(boolean ok) {
        if (pullStartedAt != null && pullNanos < 0) {
            pullNanos = System.nanoTime() - pullStartNanos;
        }
        finishedAt = clock.instant();
        phase = ok ? Phase.DONE : Phase.FAILED;
    }

    public boolean running() {
        return phase == Phase.QUEUED || phase == Phase.PULLING || phase == Phase.PUBLISHING;
    }
}
