package dev.caravan.restore;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One restore as it runs, safe to read from any thread while the route updates it: its phase,
 * the bytes of the current phase, the keys so far (read live from the loader's counters), and
 * in the end its {@link RestoreResult} (with the time spent in each phase) or why it failed. A
 * trigger creates the job with its own id and passes it to {@code direct:restore} as the
 * exchange property {@value #EXCHANGE_PROPERTY}; without one, the route makes its own.
 */
public final class RestoreJob {

    /** The exchange property that carries the job into {@code direct:restore}. */
    public static final String EXCHANGE_PROPERTY = "caravanRestoreJob";

    /** Where a job is; {@link #DONE} and {@link #FAILED} are final. */
    public enum Phase { QUEUED, FETCHING, VERIFYING, LOADING, CHECKING, DONE, FAILED }

    private final String id;
    private final Clock clock;
    private final Instant createdAt;
    private final AtomicLong bytesDone = new AtomicLong();
    private volatile Phase phase = Phase.QUEUED;
    private volatile Instant finishedAt;
    private volatile LongSupplier bytesSource;
    private volatile long bytesTotal;
    private volatile long phaseStartedNanos = System.nanoTime();
    /** Milliseconds spent in each phase left so far, by the job's clock; guarded by this. */
    private final Map<Phase, Long> phaseMillis = new EnumMap<>(Phase.class);
    private Instant phaseStartedAt;
    private volatile LoadCounters counters;
    private volatile Consumer<RestoreStatus> phaseListener = status -> { };
    private volatile RestoreResult result;
    private volatile RestoreStatus.Refusal refusal;

    public RestoreJob(String id) {
        this(id, Clock.systemUTC());
    }

    public RestoreJob(String id, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.createdAt = clock.instant();
        this.phaseStartedAt = createdAt;
    }

    /** A job with a new random id. */
    public static RestoreJob create() {
        return new RestoreJob(UUID.randomUUID().toString());
    }

    public String id() {
        return id;
    }

    public Phase phase() {
        return phase;
    }

    /** True once DONE or FAILED. */
    public boolean finished() {
        Phase now = phase;
        return now == Phase.DONE || now == Phase.FAILED;
    }

    /** Enters a phase that will handle {@code total} bytes (0 when unknown), counted with {@link #addBytes}. */
    public void enter(Phase next, long total) {
        enter(next, total, null);
    }

    /**
     * Enters a phase whose bytes done are read from {@code done} (e.g. the loader's counters); with
     * null, they are counted by {@link #addBytes}, from 0.
     */
    public synchronized void enter(Phase next, long total, LongSupplier done) {
        if (finished()) {
            throw new IllegalStateException("restore job " + id + " is already " + phase);
        }
        if (next == Phase.DONE || next == Phase.FAILED) {
            throw new IllegalArgumentException("use succeeded or failed to finish a job");
        }
        bytesDone.set(0);
        bytesSource = done;
        bytesTotal = Math.max(0, total);
        phaseStartedNanos = System.nanoTime();
        leavePhase(clock.instant());
        Phase before = phase;
        phase = next;
        if (before != next) {
            phaseListener.accept(status());
        }
    }

    /** Called on the route's thread whenever the job enters a new phase (a progress display's cue). */
    public void onPhase(Consumer<RestoreStatus> listener) {
        this.phaseListener = Objects.requireNonNull(listener, "listener");
    }

    /** Counts bytes done in the current phase. */
    public void addBytes(long bytes) {
        bytesDone.addAndGet(bytes);
    }

    /** Where the key counts come from: the loader's live counters. */
    public void countKeys(LoadCounters loading) {
        this.counters = Objects.requireNonNull(loading, "counters");
    }

    /**
     * Ends the job with {@code done}, completed with the time spent in each phase.
     *
     * @return the result as the job keeps it; {@code done} as given if the job had already finished
     */
    public synchronized RestoreResult succeeded(RestoreResult done) {
        Objects.requireNonNull(done, "result");
        if (finished()) {
            return done;
        }
        finishedAt = clock.instant();
        leavePhase(finishedAt);
        result = done.withPhaseMillis(phaseMillis());
        phase = Phase.DONE;
        return result;
    }

    /** Records why the job failed; a job already finished keeps its outcome. */
    public synchronized void failed(Throwable why) {
        if (finished()) {
            return;
        }
        refusal = why instanceof RestoreRefusedException refused
                ? new RestoreStatus.Refusal(refused.reason().name(), refused.reason().httpStatus(), refused.getMessage())
                : new RestoreStatus.Refusal("ERROR", 500, why.getMessage() == null ? why.toString() : why.getMessage());
        finishedAt = clock.instant();
        leavePhase(finishedAt);
        phase = Phase.FAILED;
    }

    /** Adds the time since the current phase began to its total (a phase entered again adds up). */
    private void leavePhase(Instant now) {
        long millis = Math.max(0, now.toEpochMilli() - phaseStartedAt.toEpochMilli());
        phaseMillis.merge(phase, millis, Long::sum);
        phaseStartedAt = now;
    }

    /** The time spent in each phase left, in milliseconds, in the phases' order; keys are lower-case names. */
    public synchronized Map<String, Long> phaseMillis() {
        Map<String, Long> named = new LinkedHashMap<>();
        phaseMillis.forEach((p, millis) -> named.put(p.name().toLowerCase(Locale.ROOT), millis));
        return named;
    }

    public RestoreResult result() {
        return result;
    }

    public RestoreStatus.Refusal refusal() {
        return refusal;
    }

    /** A consistent enough snapshot: each figure is read once. */
    public RestoreStatus status() {
        Phase now = phase;
        LongSupplier source = bytesSource;
        long done = source == null ? bytesDone.get() : source.getAsLong();
        long total = bytesTotal;
        long elapsedNanos = Math.max(1, System.nanoTime() - phaseStartedNanos);
        long rate = finished() ? 0 : (long) (done / (elapsedNanos / 1e9));
        Long eta = rate > 0 && total > done ? (total - done) / rate : null;
        LoadCounters keys = counters;
        return new RestoreStatus(id, now, createdAt, finishedAt, done, total,
                keys == null ? 0 : keys.restored(),
                keys == null ? 0 : keys.skippedExisting() + keys.skippedExpired(),
                keys == null ? 0 : keys.failed(), rate, eta, result, refusal);
    }
}
