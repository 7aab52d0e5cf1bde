package dev.caravan.restore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * What {@code direct:restore} receives: which backup(s) of which source to restore, from where,
 * into what, and how (DESIGN §5). Read from JSON by {@link RestoreRequests#parse}, which refuses
 * unknown fields and checks every value; the JSON Schema is
 * {@code schema/caravan-restore-request-1.schema.json}. A request built in Java should go
 * through {@link RestoreRequests#check} before it is used (the route does).
 *
 * @param source  the configured source name whose backups these are ({@code caravan.sources.<name>}); required
 * @param backup  a backup id ({@code 20261124T083000Z-7f3a}) or {@code latest}; exactly one of this and {@code backups}
 * @param backups several backups merged in order, later ones winning; only into a {@code file:} target
 * @param from    a destination name; null for the first reachable destination holding the backup,
 *                in destination name order (as {@code backup} publishes)
 * @param target  {@code redis://}, {@code rediss://} or {@code file:PATH}; null for the source's
 *                {@code caravan.sources.<source>.uri}, else {@code caravan.restore.default-target}
 * @param filter  which keys to restore; null for all
 * @param remap   source db to target db, e.g. {@code {"0": 5}}; a db not named keeps its number
 * @param mode    null for {@link RestoreMode#REPLACE}
 * @param confirm required ({@code true}) with {@link RestoreMode#FLUSH_FIRST}
 * @param dryRun  fetch and verify, and count what would be restored, but leave the target alone
 * @param verify  how the archives are checked before the target is touched: {@code checksum}, the
 *                size and SHA-256 against the manifest alone, trusting the full check that the backup
 *                made before it published the archive; or {@code full}, every record decompressed and
 *                parsed besides; null for {@code caravan.restore.verify} (see {@link #checksumOnly})
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"source", "backup", "backups", "from", "target", "filter", "remap", "mode", "confirm", "dryRun", "verify"})
public record RestoreRequest(
        String source,
        String backup,
        List<String> backups,
        String from,
        String target,
        Filter filter,
        Map<Integer, Integer> remap,
        RestoreMode mode,
        Boolean confirm,
        Boolean dryRun,
        String verify) {

    /** The word for the newest complete backup of the source. */
    public static final String LATEST = "latest";
    /** SHA-256, decompression, CRC64 and a full parse. */
    public static final String VERIFY_FULL = "full";
    /** The archive's size and SHA-256 against its manifest only (the full parse when it has none). */
    public static final String VERIFY_CHECKSUM = "checksum";

    /** The backups to restore, in merge order: {@code backups}, or the one {@code backup}. */
    public List<String> backupList() {
        return backups != null ? backups : backup == null ? List.of() : List.of(backup);
    }

    /** The mode, {@link RestoreMode#REPLACE} when absent. */
    public RestoreMode effectiveMode() {
        return mode == null ? RestoreMode.REPLACE : mode;
    }

    /** True for a dry run; absent means false. */
    public boolean dryRunRequested() {
        return Boolean.TRUE.equals(dryRun);
    }

    /**
     * True when an archive whose manifest was written by the backup that parsed it in full is to be
     * checked by its size and SHA-256 alone, skipping a second full parse (a third of a load's time on
     * a quiet 2-core machine): when the request says {@code "verify": "checksum"}, or says nothing and
     * {@code byDefault} (the configured {@code caravan.restore.verify}) is true.
     */
    public boolean checksumOnly(boolean byDefault) {
        return verify == null ? byDefault : VERIFY_CHECKSUM.equals(verify);
    }

    /** True when {@code confirm} is true; absent means false. */
    public boolean confirmed() {
        return Boolean.TRUE.equals(confirm);
    }

    /** The filter, or one that keeps every key. */
    public Filter effectiveFilter() {
        return filter == null ? Filter.ALL : filter;
    }

    /** The target db of a source db. */
    public int targetDb(int sourceDb) {
        return remap == null ? sourceDb : remap.getOrDefault(sourceDb, sourceDb);
    }

    /**
     * Which keys to restore; a key must pass every part that is given.
     *
     * @param dbs      source databases to restore; null or empty for all
     * @param keys     glob patterns as Redis {@code KEYS} reads them ({@code user:*}); a key matching any passes
     * @param keyRegex a Java regular expression found in the key ({@code Matcher.find}, the key read as
     *                 ISO-8859-1 so each byte is one char); anchor it with {@code ^...$} to match the whole key
     * @param types    {@code string}, {@code list}, {@code set}, {@code zset}, {@code hash}, {@code stream}, {@code module}
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"dbs", "keys", "keyRegex", "types"})
    public record Filter(List<Integer> dbs, List<String> keys, String keyRegex, List<String> types) {

        /** Keeps every key. */
        public static final Filter ALL = new Filter(null, null, null, null);

        /** True when the filter keeps every key. */
        public boolean keepsAll() {
            return isEmpty(dbs) && isEmpty(keys) && keyRegex == null && isEmpty(types);
        }

        private static boolean isEmpty(List<?> list) {
            return list == null || list.isEmpty();
        }
    }
}
