package dev.caravan.restore;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Progress of one load, updated by the loader and read at any time by other threads (the job's
 * status, the CLI's progress line). Counts are of keys; {@code restored} per target database.
 */
public final class LoadCounters {

    private final AtomicLong bytesRead = new AtomicLong();
    private final LongAdder restored = new LongAdder();
    private final LongAdder skippedExisting = new LongAdder();
    private final LongAdder skippedExpired = new LongAdder();
    private final LongAdder filteredOut = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<Integer, PerDb> perTargetDb = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> filteredPerSourceDb = new ConcurrentHashMap<>();

    /** Counts of one target database. */
    private static final class PerDb {
        final LongAdder restored = new LongAdder();
        final LongAdder skippedExisting = new LongAdder();
        final LongAdder skippedExpired = new LongAdder();
        final LongAdder failed = new LongAdder();

        LoadReport.DbCounts snapshot() {
            return new LoadReport.DbCounts(restored.sum(), skippedExisting.sum(), skippedExpired.sum(), failed.sum());
        }
    }

    /** Bytes of the RDB stream consumed so far. */
    public long bytesRead() {
        return bytesRead.get();
    }

    public long restored() {
        return restored.sum();
    }

    /** Keys the target already had ({@code skip-existing}: a {@code BUSYKEY} reply). */
    public long skippedExisting() {
        return skippedExisting.sum();
    }

    /** Keys whose expiry had passed when they were read. */
    public long skippedExpired() {
        return skippedExpired.sum();
    }

    /** Keys the filter did not take. */
    public long filteredOut() {
        return filteredOut.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /** Keys restored per target database (for a dry run: that would be restored). */
    public Map<Integer, Long> restoredPerDb() {
        Map<Integer, Long> copy = new TreeMap<>();
        perTargetDb.forEach((db, n) -> copy.put(db, n.restored.sum()));
        return copy;
    }

    /** Every count per target database. */
    public Map<Integer, LoadReport.DbCounts> perTargetDb() {
        Map<Integer, LoadReport.DbCounts> copy = new TreeMap<>();
        perTargetDb.forEach((db, n) -> copy.put(db, n.snapshot()));
        return copy;
    }

    /** Keys the filter did not take, per source database. */
    public Map<Integer, Long> filteredPerSourceDb() {
        Map<Integer, Long> copy = new TreeMap<>();
        filteredPerSourceDb.forEach((db, n) -> copy.put(db, n.sum()));
        return copy;
    }

    void bytesRead(long total) {
        bytesRead.set(total);
    }

    void restored(int targetDb) {
        restored.increment();
        db(targetDb).restored.increment();
    }

    void skippedExisting(int targetDb) {
        skippedExisting.increment();
        db(targetDb).skippedExisting.increment();
    }

    void skippedExpired(int targetDb) {
        skippedExpired.increment();
        db(targetDb).skippedExpired.increment();
    }

    void filteredOut(int sourceDb) {
        filteredOut.increment();
        filteredPerSourceDb.computeIfAbsent(sourceDb, d -> new LongAdder()).increment();
    }

    void failed(int targetDb) {
        failed.increment();
        db(targetDb).failed.increment();
    }

    private PerDb db(int targetDb) {
        return perTargetDb.computeIfAbsent(targetDb, d -> new PerDb());
    }

    @Override
    public String toString() {
        return "restored " + restored() + ", skipped (existing) " + skippedExisting() + ", skipped (expired) "
                + skippedExpired() + ", filtered out " + filteredOut() + ", failed " + failed() + ", " + bytesRead()
                + " bytes read";
    }
}
