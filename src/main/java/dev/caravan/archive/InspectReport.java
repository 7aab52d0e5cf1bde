package dev.caravan.archive;

import java.util.List;
import java.util.Map;

import dev.caravan.rdb.RdbEntry;
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

    /** Counts for one type family in one db; bytes are serialized value bytes. */
    @RegisterForReflection
    public record TypeCount(long keys, long expiringKeys, long bytes) {
    }

    /** Counts for one db, with its type families in name order. */
    @RegisterForReflection
    public record DbCount(int db, long keys, long expiringKeys, Map<String, TypeCount> types) {
    }

    /** One key worth naming: where it is, what it is, when it expires and how big its value is. */
    @RegisterForReflection
    public record KeyInfo(int db, String key, String type, String encoding, Long expireAtMs, long bytes) {

        static KeyInfo of(RdbEntry entry, long bytes) {
            return new KeyInfo(entry.db(), entry.printableKey(), entry.type().family(), entry.type().encoding(),
                    entry.expireAtMs() < 0 ? null : entry.expireAtMs(), bytes);
        }
    }
}
