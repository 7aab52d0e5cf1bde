package dev.caravan.backup;

import java.util.List;

import dev.caravan.archive.Manifest;
import dev.caravan.archive.StagedFile;

/**
 * What a destination's publish route receives ({@code direct:publish-<type>}): one verified,
 * staged backup to store under {@code folderKey} ({@code <prefix>/<source>/<backup-id>}, see
 * {@link dev.caravan.archive.ArchiveLayout#backupFolder}), archives first, the manifest last,
 * each under a temporary name until it is complete.
 */
public record PublishRequest(String destination, String folderKey, Manifest manifest, List<StagedFile> files) {

    public PublishRequest {
        files = List.copyOf(files);
    }
}
