package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.archive.ManifestFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a manifest bounds of a restore's requirements when the verify pass does not parse its archive. */
class RdbRequirementsTest {

    private static ManifestFile.DatabaseKeys db(int db, long keys) {
        return new ManifestFile.DatabaseKeys(db, keys, 0, Map.of("string", keys));
    }

    private static ManifestFile.LargestKey key(int db, String name, long size) {
        return ManifestFile.LargestKey.of(db, name.getBytes(StandardCharsets.US_ASCII), "string", size);
    }

    private static ManifestFile file(List<ManifestFile.DatabaseKeys> dbs, List<ManifestFile.LargestKey> largest) {
        return new ManifestFile("standalone", "standalone.rdb.zst", "zstd", "none", 10, 100, "0".repeat(64),
                "0".repeat(16), dbs, largest, List.of());
    }

    private static RestoreFilter dbs(Integer... dbs) {
        return RestoreFilter.of(Set.of(dbs), null, null, null, Map.of(1, 7));
    }

    /** What a manifest that can bound them says, through a collector that takes it. */
    private static RdbRequirements bounded(RestoreFilter filter, List<ManifestFile.DatabaseKeys> dbs,
            List<ManifestFile.LargestKey> largest) {
        RdbRequirements.Collector collector = new RdbRequirements.Collector(filter);
        assertThat(collector.acceptManifest(11, file(dbs, largest))).isTrue();
        return collector.result();
    }

    @Test
    void everyDatabaseAtTheSnapshotsVersionWithTheLargestListedKey() {
        RdbRequirements found = bounded(RestoreFilter.all(), List.of(db(0, 5), db(1, 3), db(2, 0)),
                List.of(key(1, "big", 900), key(0, "mid", 400), key(0, "small", 10)));

        assertThat(found.highestPayloadVersion()).isEqualTo(11);
        assertThat(found.largestPayload()).isEqualTo(900 + RdbRequirements.PAYLOAD_OVERHEAD);
        assertThat(found.largestKey()).isEqualTo("big (db 1, string)");
        assertThat(found.keys()).isEqualTo(8);
        assertThat(found.targetDbs()).as("an empty database is not written to").containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void aDatabaseFilterTakesTheLargestListedKeyOfItsDatabasesAndRemaps() {
        RdbRequirements found = bounded(dbs(1), List.of(db(0, 5), db(1, 3)),
                List.of(key(0, "big", 900), key(1, "mid", 400)));

        assertThat(found.largestPayload()).isEqualTo(400 + RdbRequirements.PAYLOAD_OVERHEAD);
        assertThat(found.keys()).isEqualTo(3);
        assertThat(found.targetDbs()).containsExactly(7);
    }

    @Test
    void withoutAListedKeyInTheTakenDatabasesTheSmallestListedOneBoundsThem() {
        RdbRequirements found = bounded(dbs(1), List.of(db(0, 5), db(1, 3)),
                List.of(key(0, "big", 900), key(0, "mid", 400)));

        assertThat(found.largestPayload()).isEqualTo(400 + RdbRequirements.PAYLOAD_OVERHEAD);
        assertThat(found.largestKey()).contains("no larger than mid (db 0, string)");
    }

    @Test
    void whatTheManifestCannotBoundIsLeftToTheFullCheck() {
        ManifestFile unlisted = file(List.of(db(0, 5)), List.of());
        RdbRequirements.Collector collector = new RdbRequirements.Collector(RestoreFilter.all());
        assertThat(collector.acceptManifest(10, unlisted)).as("keys, but no largest key listed").isFalse();

        RestoreFilter byKey = RestoreFilter.of(Set.of(), List.of("user:*"), null, null, Map.of());
        RdbRequirements.Collector keyed = new RdbRequirements.Collector(byKey);
        assertThat(keyed.acceptManifest(10, file(List.of(db(0, 5)), List.of(key(0, "a", 1))))).isFalse();

        RestoreFilter byType = RestoreFilter.of(Set.of(), null, null, Set.of("hash"), Map.of());
        assertThat(new RdbRequirements.Collector(byType).acceptManifest(10,
                file(List.of(db(0, 5)), List.of(key(0, "a", 1))))).isFalse();

        assertThat(collector.result()).as("a refusal notes nothing")
                .isEqualTo(new RdbRequirements(0, null, 0, null, 0, Set.of()));
        assertThat(keyed.result().keys()).isZero();
    }

    @Test
    void aSnapshotWithNoKeyInTheTakenDatabasesDemandsNothing() {
        RdbRequirements.Collector collector = new RdbRequirements.Collector(dbs(3));
        assertThat(collector.acceptManifest(12, file(List.of(db(0, 5)), List.of()))).isTrue();
        assertThat(collector.result()).isEqualTo(new RdbRequirements(0, null, 0, null, 0, Set.of()));
    }
}
