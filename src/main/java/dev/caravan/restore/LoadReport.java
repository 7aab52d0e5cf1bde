package dev.caravan.restore;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a load into Redis or into a file: key counts (in total and per target database),
 * bytes of RDB read, how long it took, and what the target was ({@code targetVersion}: the Redis
 * version, or {@code "rdb <n>"} for a file), and the first keys that failed with the server's reason.
 */
@RegisterForReflection
public record LoadReport(long restored, long skippedExisting, long skippedExpired, long filteredOut, long failed,
                         Map<Integer, DbCounts> perTargetDb, Map<Integer, Long> filteredPerSourceDb, long bytesRead,
                         Duration duration, String targetVersion, boolean dryRun, List<String> failures) {

    /** The counts of one target database. */
    @RegisterForReflection
    public record DbCounts(long restored, long skippedExisting, long skippedExpired, long failed) {

        /** Keys of the backup that reached this database one way or another. */
        public long accounted() {
            return restored + skippedExisting + skippedExpired + failed;
        }
    }

    /** Whether the keys loaded add up to what the manifest says the backup holds. */
    @RegisterForReflection
    public record KeyCheck(boolean matches, Map<Integer, Long> expectedPerTargetDb, Map<Integer, Long> actualPerTargetDb,
                           List<String> differences) {
    }

    public LoadReport {
        perTargetDb = Map.copyOf(new TreeMap<>(perTargetDb));
        filteredPerSourceDb = Map.copyOf(new TreeMap<>(filteredPerSourceDb));
        failures = List.copyOf(failures);
    }

    static LoadReport of(LoadCounters counters, Duration duration, String targetVersion, boolean dryRun,
                         List<String> failures) {
        return new LoadReport(counters.restored(), counters.skippedExisting(), counters.skippedExpired(),
                counters.filteredOut(), counters.failed(), counters.perTargetDb(), counters.filteredPerSourceDb(),
                counters.bytesRead(), duration, targetVersion, dryRun, failures);
    }

    /** Keys per second over the whole load (restored, skipped and filtered keys all count as work). */
    public double keysPerSecond() {
        double seconds = Math.max(duration.toNanos(), 1) / 1e9;
        return (restored + skippedExisting + skippedExpired + filteredOut + failed) / seconds;
    }

    /**
     * Compares with the manifest's keys per source database: every database's keys, less those
     * the filter removed, must be accounted for (restored, skipped as existing or expired) in its
     * target database, and none may have failed.
     */
    public KeyCheck check(Map<Integer, Long> manifestKeysPerSourceDb, RestoreFilter filter) {
        Map<Integer, Long> expected = new TreeMap<>();
        for (Map.Entry<Integer, Long> e : manifestKeysPerSourceDb.entrySet()) {
            long taken = e.getValue() - filteredPerSourceDb.getOrDefault(e.getKey(), 0L);
            if (taken > 0 || filter.includesDb(e.getKey())) {
                expected.merge(filter.targetDb(e.getKey()), taken, Long::sum);
            }
        }
        expected.values().removeIf(n -> n == 0);
        Map<Integer, Long> actual = new TreeMap<>();
        perTargetDb.forEach((db, c) -> {
            if (c.accounted() - c.failed() > 0) {
                actual.put(db, c.accounted() - c.failed());
            }
        });
        List<String> differences = new ArrayList<>();
        for (Integer db : union(expected, actual)) {
            long want = expected.getOrDefault(db, 0L);
            long got = actual.getOrDefault(db, 0L);
            if (want != got) {
                differences.add("db " + db + ": the manifest (after filtering) has " + want + " keys, " + got
                        + " were restored or skipped");
            }
        }
        if (failed > 0) {
            differences.add(failed + " keys failed to load");
        }
        return new KeyCheck(differences.isEmpty(), expected, actual, List.copyOf(differences));
    }

    private static List<Integer> union(Map<Integer, Long> a, Map<Integer, Long> b) {
        TreeMap<Integer, Long> all = new TreeMap<>(a);
        all.putAll(b);
        return new ArrayList<>(all.keySet());
    }
}
