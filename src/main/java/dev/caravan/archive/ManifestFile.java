package dev.caravan.archive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.caravan.rdb.Printable;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One shard's file in a backup: how it is stored and what the snapshot in it holds, so that a
 * restore can check the download (size, SHA-256), the decompressed RDB (CRC64) and the result
 * (keys per database) against it.
 *
 * @param shard       the shard's name; the file is named after it ({@link ArchiveLayout#archiveFileName})
 * @param file        the file's name in the backup's folder
 * @param codec       the codec's name ({@link Codecs})
 * @param encryption  {@code none}: encryption is not implemented yet
 * @param size        bytes of the stored file
 * @param rdbSize     bytes of the RDB once decompressed
 * @param sha256      SHA-256 of the stored file, lower-case hex
 * @param crc64       the RDB's CRC64 (crc-64-jones) as 16 lower-case hex digits
 * @param databases   keys per database, by type, and how many expire
 * @param largestKeys the largest keys by serialized size, largest first
 * @param slotRanges  the hash slots a cluster shard served; empty for a standalone server
 */
@RegisterForReflection
@JsonPropertyOrder({"shard", "file", "codec", "encryption", "size", "rdbSize", "sha256", "crc64", "databases",
        "largestKeys", "slotRanges"})
public record ManifestFile(
        String shard,
        String file,
        String codec,
        String encryption,
        long size,
        long rdbSize,
        String sha256,
        String crc64,
        List<DatabaseKeys> databases,
        List<LargestKey> largestKeys,
        List<SlotRange> slotRanges) {

    public static final String NO_ENCRYPTION = "none";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CRC64 = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Codecs CODECS = Codecs.standard();

    @JsonCreator
    public ManifestFile {
        String expected = ArchiveLayout.archiveFileName(shard, CODECS.byName(codec));
        if (!expected.equals(file)) {
            throw new IllegalArgumentException("file " + (file == null ? "null" : Names.quote(file))
                    + " should be named " + Names.quote(expected));
        }
        if (!NO_ENCRYPTION.equals(encryption)) {
            throw new IllegalArgumentException("encryption " + (encryption == null ? "null" : Names.quote(encryption))
                    + " is not supported; only none");
        }
        requireNotNegative("size", size);
        requireNotNegative("rdbSize", rdbSize);
        requireMatch("sha256", sha256, SHA256, "64 lower-case hex digits");
        requireMatch("crc64", crc64, CRC64, "16 lower-case hex digits");
        databases = List.copyOf(Objects.requireNonNull(databases, "databases"));
        largestKeys = List.copyOf(Objects.requireNonNull(largestKeys, "largestKeys"));
        slotRanges = List.copyOf(Objects.requireNonNull(slotRanges, "slotRanges"));
    }

    /** The CRC64 as the manifest writes it. */
    public static String crc64Hex(long crc64) {
        return String.format("%016x", crc64);
    }

    /**
     * @param keys         all keys in the database
     * @param expiringKeys those with a TTL
     * @param keysByType   keys per type ({@code string}, {@code hash}, ...)
     */
    public record DatabaseKeys(int db, long keys, long expiringKeys, Map<String, Long> keysByType) {
        public DatabaseKeys {
            requireNotNegative("db", db);
            requireNotNegative("keys", keys);
            if (expiringKeys < 0 || expiringKeys > keys) {
                throw new IllegalArgumentException("expiringKeys " + expiringKeys + " is outside 0.." + keys);
            }
            keysByType = Map.copyOf(Objects.requireNonNull(keysByType, "keysByType"));
            keysByType.forEach((type, count) -> {
                requireMatch("type", type, TYPE, "a lower-case type name");
                requireNotNegative("keys of type " + type, count);
            });
        }
    }

    /**
     * @param name           the key, escaped by {@link Printable} (Redis keys are binary)
     * @param serializedSize bytes of its value in the RDB
     */
    public record LargestKey(int db, String name, String type, long serializedSize) {
        /** Longer names are cut: the manifest is for people and checks, not a key dump. */
        public static final int MAX_NAME_BYTES = 256;

        public LargestKey {
            requireNotNegative("db", db);
            Objects.requireNonNull(name, "name");
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException("largest key name is not escaped: U+"
                            + String.format("%04X", (int) c) + " at index " + i + "; use LargestKey.of");
                }
            }
            requireMatch("type", type, TYPE, "a lower-case type name");
            requireNotNegative("serializedSize", serializedSize);
        }

        /** Escapes the raw key name. */
        public static LargestKey of(int db, byte[] rawName, String type, long serializedSize) {
            return new LargestKey(db, Printable.escape(rawName, MAX_NAME_BYTES), type, serializedSize);
        }
    }

    /** Hash slots {@code start} to {@code end}, both included, 0 to 16383. */
    public record SlotRange(int start, int end) {
        public SlotRange {
            if (start < 0 || end > 16383 || start > end) {
                throw new IllegalArgumentException("slot range " + start + "-" + end + " is not within 0-16383");
            }
        }
    }

    private static void requireNotNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " " + value + " is negative");
        }
    }

    private static void requireMatch(String what, String value, Pattern pattern, String expected) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " " + (value == null ? "null" : Names.quote(value))
                    + " is not " + expected);
        }
    }
}
