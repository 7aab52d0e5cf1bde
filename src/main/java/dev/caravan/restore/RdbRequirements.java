package dev.caravan.restore;

import dev.caravan.archive.ManifestFile;
import dev.caravan.rdb.RdbEntry;
import dev.caravan.rdb.RdbParser;
import dev.caravan.rdb.RdbValue;
import dev.caravan.rdb.RdbVisitor;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the keys a restore takes demand of the target, found in a pass over the RDB before
 * anything is loaded: the highest RDB version of their DUMP payloads (each payload carries its
 * type's minimum version) with the first key that needs it, the largest payload with its key, and
 * the target databases written to (after remapping).
 * The verify pass can collect these with a {@link Collector}, fed either as a visitor of its own
 * or with {@link Collector#accept} from the visitor it already runs, or, for an archive it does not
 * parse, with a bound read from the archive's manifest ({@link Collector#acceptManifest}).
 */
@RegisterForReflection
public record RdbRequirements(int highestPayloadVersion, String firstKeyAtHighest, long largestPayload,
                              String largestKey, long keys, Set<Integer> targetDbs) {

    public RdbRequirements {
        targetDbs = Set.copyOf(new TreeSet<>(targetDbs));
    }

    /** DUMP payload size = type byte + serialized value + 2-byte version + 8-byte CRC. */
    static final int PAYLOAD_OVERHEAD = 11;

    /** Parses {@code rdb} (decompressed) once, taking only keys {@code filter} takes. */
    public static RdbRequirements of(InputStream rdb, RestoreFilter filter) throws IOException {
        Collector collector = new Collector(filter);
        new RdbParser(rdb).parse(collector);
        return collector.result();
    }

    /** Collects the requirements of the keys a filter takes. */
    public static final class Collector implements RdbVisitor {

        private final RestoreFilter filter;
        private int highest;
        private String firstAtHighest;
        private long largest = -1;
        private String largestKey;
        private long keys;
        private final Set<Integer> targetDbs = new TreeSet<>();

        public Collector(RestoreFilter filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
        }

        @Override
        public void onEntry(RdbEntry entry, RdbValue value) throws IOException {
            accept(entry, value.skip());
        }

        /** Notes a key whose value is {@code serializedSize} bytes in the file (what RdbValue.skip returns). */
        public void accept(RdbEntry entry, long serializedSize) {
            if (!filter.includes(entry)) {
                return;
            }
            keys++;
            targetDbs.add(filter.targetDb(entry.db()));
            int version = entry.type().minVersion();
            if (version > highest) {
                highest = version;
                firstAtHighest = describe(entry);
            }
            long payload = serializedSize + PAYLOAD_OVERHEAD;
            if (payload > largest) {
                largest = payload;
                largestKey = describe(entry);
            }
        }

        /**
         * Notes, instead of its keys one by one, what an archive's manifest bounds: for a filter
         * that takes whole databases, each taken database that has keys, at the snapshot's RDB
         * version (each key's payload needs that version at most), and as the largest payload the
         * largest listed key of a taken database, or else the smallest listed key (a key not
         * listed is no larger). Returns false, noting nothing, when the manifest cannot bound
         * them: a filter on keys or types, or keys but no largest keys listed.
         */
        public boolean acceptManifest(int rdbVersion, ManifestFile file) {
            if (!filter.takesWholeDatabases()) {
                return false;
            }
            long taken = 0;
            Set<Integer> written = new TreeSet<>();
            for (ManifestFile.DatabaseKeys db : file.databases()) {
                if (filter.includesDb(db.db()) && db.keys() > 0) {
                    taken += db.keys();
                    written.add(filter.targetDb(db.db()));
                }
            }
            if (taken == 0) {
                return true;
            }
            if (file.largestKeys().isEmpty()) {
                return false;
            }
            ManifestFile.LargestKey bound = null;
            for (ManifestFile.LargestKey key : file.largestKeys()) {
                if (filter.includesDb(key.db())) {
                    bound = key;
                    break;
                }
            }
            String boundKey;
            if (bound != null) {
                boundKey = bound.name() + " (db " + bound.db() + ", " + bound.type() + ")";
            } else {
                bound = file.largestKeys().get(file.largestKeys().size() - 1);
                boundKey = "of those restored (the manifest lists none) no larger than " + bound.name() + " (db "
                        + bound.db() + ", " + bound.type() + ")";
            }
            targetDbs.addAll(written);
            keys += taken;
            if (rdbVersion > highest) {
                highest = rdbVersion;
                firstAtHighest = "keys of an RDB " + rdbVersion + " snapshot (checked by checksum only, so not key by"
                        + " key; \"verify\": \"full\", or --verify full, checks which keys need it)";
            }
            long payload = bound.serializedSize() + PAYLOAD_OVERHEAD;
            if (payload > largest) {
                largest = payload;
                largestKey = boundKey;
            }
            return true;
        }

        public RdbRequirements result() {
            return new RdbRequirements(highest, firstAtHighest, Math.max(largest, 0), largestKey, keys, targetDbs);
        }
    }

    static String describe(RdbEntry entry) {
        return entry.printableKey() + " (db " + entry.db() + ", " + entry.type().family() + " encoded as "
                + entry.type().encoding() + ")";
    }
}
