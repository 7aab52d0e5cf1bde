package dev.caravan.archive;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a backup's objects live in a store (DESIGN §4):
 * <pre>
 * &lt;prefix&gt;/&lt;source&gt;/&lt;backup-id&gt;/manifest.json
 * &lt;prefix&gt;/&lt;source&gt;/&lt;backup-id&gt;/&lt;shard&gt;.rdb[.&lt;codec extension&gt;]
 * </pre>
 * Keys always use {@code /}, whatever the store. Every name that goes into a key is checked by
 * {@link Names#requireSafe}, so a key never climbs out of its backup's folder; a key resolved
 * against a local folder is checked once more after normalisation.
 *
 * @param prefix empty, or {@code /}-separated safe names (no leading or trailing {@code /})
 */
public record ArchiveLayout(String prefix) {

    public static final String MANIFEST = "manifest.json";

    public ArchiveLayout {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty()) {
            for (String segment : prefix.split("/", -1)) {
                if (segment.isEmpty()) {
                    throw new IllegalArgumentException("prefix " + Names.quote(prefix)
                            + " has an empty segment (a leading, trailing or doubled '/')");
                }
                Names.requireSafe("prefix segment", segment);
            }
        }
    }

    /** The layout without a prefix: backups directly under the destination's root. */
    public static ArchiveLayout root() {
        return new ArchiveLayout("");
    }

    /** {@code <prefix>/<source>}: where all of a source's backups are. */
    public String sourceFolder(String source) {
        return join(prefix, Names.requireSafe("source name", source));
    }

    /** {@code <prefix>/<source>/<backup-id>}. */
    public String backupFolder(String source, BackupId id) {
        return sourceFolder(source) + "/" + Objects.requireNonNull(id, "backup id");
    }

    public String manifestKey(String source, BackupId id) {
        return backupFolder(source, id) + "/" + MANIFEST;
    }

    public String archiveKey(String source, BackupId id, String shard, Codec codec) {
        return backupFolder(source, id) + "/" + archiveFileName(shard, codec);
    }

    /** {@code <shard>.rdb.zst}, {@code <shard>.rdb.gz}, {@code <shard>.rdb.zip}, or {@code <shard>.rdb}. */
    public static String archiveFileName(String shard, Codec codec) {
        String rdb = rdbFileName(shard);
        return codec.extension().isEmpty() ? rdb : rdb + "." + codec.extension();
    }

    /** {@code <shard>.rdb}: the file once decompressed, also the single entry of a zip archive. */
    public static String rdbFileName(String shard) {
        return Names.requireSafe("shard name", shard) + ".rdb";
    }

    /**
     * Resolves a key under a local folder, refusing any key that would land outside it (an
     * absolute key, a {@code ..} segment), whatever produced the key.
     *
     * @throws IllegalArgumentException if the key escapes {@code root} or names {@code root} itself
     */
    public static Path resolveUnder(Path root, String key) {
        Objects.requireNonNull(key, "key");
        Path base = root.toAbsolutePath().normalize();
        Path keyPath = base.getFileSystem().getPath(key);
        if (key.isEmpty() || keyPath.isAbsolute()) {
            throw new IllegalArgumentException("key " + Names.quote(key) + " is not a relative path");
        }
        Path resolved = base.resolve(keyPath).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new IllegalArgumentException("key " + Names.quote(key) + " resolves to " + resolved
                    + ", outside " + base);
        }
        return resolved;
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }
}
