package dev.caravan.archive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code manifest.json}: what a backup is, written last at each destination, so that its
 * presence marks the backup complete (DESIGN §4). Format {@value #FORMAT}; its JSON Schema is
 * {@code schema/caravan-backup-1.schema.json}. Every field is always present ({@code replication}
 * is {@code null} for a SCAN backup), a reader refuses fields it does not know, and the model
 * refuses inconsistent values when it is built, whether by the pipeline or from JSON.
 * Holds no secret: the source's URI is a {@link RedactedUri}.
 *
 * @param pointInTime  true for {@code sync} (one RDB snapshot), false for {@code scan}
 * @param replication  the primary's replication id and offset of the snapshot; null for scan
 */
@RegisterForReflection
@JsonPropertyOrder({"format", "id", "source", "redis", "mode", "pointInTime", "replication", "startedAt",
        "finishedAt", "files"})
public record Manifest(
        String format,
        BackupId id,
        Source source,
        Redis redis,
        Mode mode,
        boolean pointInTime,
        Replication replication,
        Instant startedAt,
        Instant finishedAt,
        List<ManifestFile> files) {

    public static final String FORMAT = "caravan-backup/1";

    @JsonCreator
    public Manifest {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("unsupported manifest format "
                    + (format == null ? "null" : Names.quote(format)) + "; this version reads " + FORMAT);
        }
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (pointInTime != (mode == Mode.SYNC)) {
            throw new IllegalArgumentException("pointInTime must be " + (mode == Mode.SYNC) + " in " + mode + " mode");
        }
        if ((replication == null) == (mode == Mode.SYNC)) {
            throw new IllegalArgumentException(mode == Mode.SYNC
                    ? "a sync backup records the replication id and offset"
                    : "a scan backup has no replication id and offset");
        }
        if (finishedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("finishedAt " + finishedAt + " is before startedAt " + startedAt);
        }
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("a backup has at least one file");
        }
        files = List.copyOf(files);
        if (files.stream().map(ManifestFile::shard).distinct().count() != files.size()) {
            throw new IllegalArgumentException("two files have the same shard name");
        }
    }

    /** A manifest of the current format, {@code pointInTime} following from {@code mode}. */
    public Manifest(BackupId id, Source source, Redis redis, Mode mode, Replication replication, Instant startedAt,
            Instant finishedAt, List<ManifestFile> files) {
        this(FORMAT, id, source, redis, mode, mode == Mode.SYNC, replication, startedAt, finishedAt, files);
    }

    /** @param name the configured source name; @param uri its URI, already redacted */
    public record Source(String name, RedactedUri uri) {
        public Source {
            Names.requireSafe("source name", name);
            Objects.requireNonNull(uri, "source uri");
        }
    }

    /** @param version {@code redis_version} of the server; @param rdbVersion from the RDB header */
    public record Redis(String version, int rdbVersion) {
        private static final Pattern VERSION = Pattern.compile("\\d{1,4}(\\.\\d{1,4}){0,3}");

        public Redis {
            if (version == null || !VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException("redis version "
                        + (version == null ? "null" : Names.quote(version)) + " is not like 7.2.4");
            }
            if (rdbVersion < 1 || rdbVersion > 255) {
                throw new IllegalArgumentException("rdb version " + rdbVersion + " is outside 1..255");
            }
        }
    }

    /** @param id the primary's 40-character replication id; @param offset its offset at the snapshot */
    public record Replication(String id, long offset) {
        private static final Pattern ID = Pattern.compile("[0-9a-f]{40}");

        public Replication {
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("replication id " + (id == null ? "null" : Names.quote(id))
                        + " is not 40 lower-case hex digits");
            }
            if (offset < 0) {
                throw new IllegalArgumentException("replication offset " + offset + " is negative");
            }
        }
    }

    /** How the snapshot was taken: a replica's full sync (one point in time), or SCAN+DUMP (not). */
    public enum Mode {
        SYNC("sync"), SCAN("scan");

        private final String json;

        Mode(String json) {
            this.json = json;
        }

        @JsonValue
        @Override
        public String toString() {
            return json;
        }

        @JsonCreator
        public static Mode of(String text) {
            for (Mode mode : values()) {
                if (mode.json.equals(text)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("mode " + (text == null ? "null" : Names.quote(text))
                    + " is neither sync nor scan");
        }
    }
}
