package dev.caravan.restore;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a restore did, as {@code direct:restore} returns it and {@code GET /api/restores/{id}}
 * shows it. Holds no secret: the target is redacted.
 *
 * @param job           the job's id
 * @param source        the source whose backups were restored; null for a dropped archive
 * @param backups       the backup ids restored ({@code latest} resolved), in merge order; a
 *                      dropped archive's file name
 * @param from          the destination they were fetched from; {@code inbox} for a dropped archive
 * @param target        redacted {@code redis://host:port} or {@code file:PATH}
 * @param targetServer  what the target was, e.g. {@code redis 7.2.4 (RDB 11)}, or {@code rdb 12} for a file
 * @param mode          {@code replace}, {@code skip-existing} or {@code flush-first}
 * @param dryRun        true if the target was left alone (counts are what would have been restored)
 * @param bytesFetched  bytes of archives fetched (and SHA-256 checked against the manifest)
 * @param rdbBytes      bytes of RDB decompressed and loaded
 * @param verified      how the archives were checked before the target was touched: {@code checksum}
 *                      (size and SHA-256 against the manifest, which its backup wrote after a full check
 *                      of its own), or {@code full} (a CRC64 check and a full parse besides, of at least
 *                      one archive)
 * @param keysRestored  keys written to the target (for a dry run: that would be)
 * @param keysSkipped   keys the target already had ({@code skip-existing})
 * @param keysExpired   keys whose expiry had passed, left out
 * @param keysFiltered  keys the filter left out
 * @param keysFailed    keys the target refused
 * @param databases     the check per target database, against the manifest less what the filter removed
 * @param checkPassed   true when every database's keys add up and none failed
 * @param check         the check in words: what matched, or what did not
 * @param millis        from the request to the result
 * @param phaseMillis   milliseconds in each phase, in order ({@code queued}, {@code fetching},
 *                      {@code verifying}, {@code loading}, {@code checking}): where the time went;
 *                      filled in by the job as it ends, empty before
 */
@RegisterForReflection
@JsonPropertyOrder({"job", "source", "backups", "from", "target", "targetServer", "mode", "dryRun", "bytesFetched",
        "rdbBytes", "verified", "keysRestored", "keysSkipped", "keysExpired", "keysFiltered", "keysFailed", "databases",
        "checkPassed", "check", "millis", "phaseMillis"})
public record RestoreResult(
        String job,
        String source,
        List<String> backups,
        String from,
        String target,
        String targetServer,
        String mode,
        boolean dryRun,
        long bytesFetched,
        long rdbBytes,
        String verified,
        long keysRestored,
        long keysSkipped,
        long keysExpired,
        long keysFiltered,
        long keysFailed,
        List<DatabaseCheck> databases,
        boolean checkPassed,
        String check,
        long millis,
        Map<String, Long> phaseMillis) {

    public RestoreResult {
        backups = List.copyOf(backups);
        databases = List.copyOf(databases);
        phaseMillis = phaseMillis == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(phaseMillis));
    }

    /**
     * The time spent in each phase in words, as the CLI and the service's log give it
     * ({@code "queued 0.04 s, fetching 0.13 s, verifying 2.73 s, ..."}); empty before the job ends.
     */
    public String phasesInWords() {
        StringJoiner words = new StringJoiner(", ");
        phaseMillis.forEach((phase, millis) -> words.add(String.format(Locale.ROOT, "%s %.2f s", phase,
                millis / 1000.0)));
        return words.toString();
    }

    /** This result with the time spent in each phase. */
    public RestoreResult withPhaseMillis(Map<String, Long> phases) {
        return new RestoreResult(job, source, backups, from, target, targetServer, mode, dryRun, bytesFetched, rdbBytes,
                verified, keysRestored, keysSkipped, keysExpired, keysFiltered, keysFailed, databases, checkPassed, check, millis,
                phases);
    }

    /**
     * One target database: the keys the manifest lists for the databases that go there, less what
     * the filter removed ({@code expected}), must all be accounted for.
     *
     * @param db       the target database
     * @param expected keys expected after filtering; -1 when there is no manifest to expect from
     * @param restored keys written (or, in a dry run, that would be)
     * @param skipped  keys the target had ({@code skip-existing})
     * @param expired  keys whose expiry had passed
     * @param failed   keys the target refused
     * @param ok       {@code expected == restored + skipped + expired} and {@code failed == 0}
     */
    @RegisterForReflection
    @JsonPropertyOrder({"db", "expected", "restored", "skipped", "expired", "failed", "ok"})
    public record DatabaseCheck(int db, long expected, long restored, long skipped, long expired, long failed,
            boolean ok) {
    }
}
