package dev.caravan.restore;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What a restore did, as {@code direct:restore} returns it and {@code GET /api/restores/{id}}
 * shows it. Holds no secret: the target is redacted.
 *
 * @param job          the job's id
 * @param source       the source whose backups were restored
 * @param backups      the backup ids restored ({@code latest} resolved), in merge order
 * @param from         the destination they were fetched from
 * @param target       redacted {@code redis://host:port} or {@code file:PATH}
 * @param mode         {@code replace}, {@code skip-existing} or {@code flush-first}
 * @param dryRun       true if the target was left alone (counts are what would have been restored)
 * @param bytesFetched bytes of archives fetched (and SHA-256 checked)
 * @param rdbBytes     bytes of RDB decompressed, checked (CRC64 and full parse) and loaded
 * @param keysRestored keys written to the target
 * @param keysSkipped  keys the target already had (skip-existing), or that had expired
 * @param keysFailed   keys the target refused
 * @param keysFiltered keys the filter left out
 * @param databases    the check per database, against the manifest less what the filter removed
 * @param checkPassed  true when every database's keys add up and none failed
 * @param check        the check in words: what matched, or what did not
 * @param millis       from the request to the result
 */
@RegisterForReflection
@JsonPropertyOrder({"job", "source", "backups", "from", "target", "mode", "dryRun", "bytesFetched", "rdbBytes",
        "keysRestored", "keysSkipped", "keysFailed", "keysFiltered", "databases", "checkPassed", "check", "millis"})
public record RestoreResult(
        String job,
        String source,
        List<String> backups,
        String from,
        String target,
        String mode,
        boolean dryRun,
        long bytesFetched,
        long rdbBytes,
        long keysRestored,
        long keysSkipped,
        long keysFailed,
        long keysFiltered,
        List<DatabaseCheck> databases,
        boolean checkPassed,
        String check,
        long millis) {

    public RestoreResult {
        backups = List.copyOf(backups);
        databases = List.copyOf(databases);
    }

    /**
     * One source database's keys: the manifest's count less what the filter removed must equal
     * what was restored, skipped and failed.
     *
     * @param db           the database in the backup
     * @param targetDb     where it went (after remapping)
     * @param manifestKeys keys the manifest lists for the db (summed over merged backups)
     * @param filtered     keys the filter left out
     * @param restored     keys written
     * @param skipped      keys the target had (skip-existing) or that had expired
     * @param failed       keys the target refused
     * @param ok           {@code manifestKeys - filtered == restored + skipped + failed} and {@code failed == 0}
     */
    @RegisterForReflection
    @JsonPropertyOrder({"db", "targetDb", "manifestKeys", "filtered", "restored", "skipped", "failed", "ok"})
    public record DatabaseCheck(int db, int targetDb, long manifestKeys, long filtered, long restored, long skipped,
            long failed, boolean ok) {
    }
}
