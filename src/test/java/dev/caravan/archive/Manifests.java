package dev.caravan.archive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sample manifests for tests. */
final class Manifests {

    static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private Manifests() {
    }

    static ManifestFile file(String shard, String codec, List<ManifestFile.SlotRange> slots) {
        String fileName = ArchiveLayout.archiveFileName(shard, Codecs.standard().byName(codec));
        return new ManifestFile(shard, fileName, codec, ManifestFile.NO_ENCRYPTION, 1234, 5678, SHA256,
                ManifestFile.crc64Hex(0xC0FFEE00DEADBEEFL),
                List.of(new ManifestFile.DatabaseKeys(0, 3, 1, Map.of("string", 2L, "hash", 1L)),
                        new ManifestFile.DatabaseKeys(5, 1, 0, Map.of("stream", 1L))),
                List.of(ManifestFile.LargestKey.of(0, "big\u0000key\n\"q\"".getBytes(StandardCharsets.UTF_8), "hash", 4096),
                        ManifestFile.LargestKey.of(5, "events".getBytes(StandardCharsets.UTF_8), "stream", 100)),
                slots);
    }

    static Manifest sync(BackupId id, String uri) {
        return new Manifest(id, new Manifest.Source("main", RedactedUri.of(uri)), new Manifest.Redis("7.2.4", 11),
                Manifest.Mode.SYNC, new Manifest.Replication("8de9a1f2c3b4d5e6f708192a3b4c5d6e7f809102", 123456789L),
                Instant.parse("2026-11-24T08:30:00Z"), Instant.parse("2026-11-24T08:31:12.250Z"),
                List.of(file("shard-0", "zstd", List.of(new ManifestFile.SlotRange(0, 5460))),
                        file("shard-1", "zip", List.of(new ManifestFile.SlotRange(5461, 10922)))));
    }

    static Manifest scan(BackupId id) {
        return new Manifest(id, new Manifest.Source("cache", RedactedUri.of("redis://localhost:6379")),
                new Manifest.Redis("7.0.15", 10), Manifest.Mode.SCAN, null,
                Instant.parse("2026-11-24T09:00:00Z"), Instant.parse("2026-11-24T09:05:00Z"),
                List.of(file("node", "none", List.of())));
    }
}
