package dev.caravan.archive;

import java.util.List;
import java.util.Map;

import dev.caravan.archive.SnapshotStats.DbCount;
import dev.caravan.archive.SnapshotStats.KeyInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a snapshot holds, as {@code inspect} shows it (and {@code inspect --json} prints it). */
@RegisterForReflection
public record InspectReport(
        String file,
        String magic,
        int rdbVersion,
        long bytes,
        String checksum,
        long keys,
        long expiringKeys,
        Map<String, String> aux,
        List<DbCount> dbs,
        long functions,
        List<String> modules,
        List<KeyInfo> largestKeys) {
}
