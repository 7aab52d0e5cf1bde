package dev.caravan.backup;

import java.nio.file.Path;
import java.util.List;

import dev.caravan.archive.Manifest;
import dev.caravan.archive.StagedFile;

/**
 * A snapshot that passed every check and sits compressed in the staging folder, with its
 * manifest, ready to be published.
 *
 * @param folderKey    {@code <prefix>/<source>/<backup-id>} at every destination
 * @param stagingDir   this backup's own staging folder, removed once it is published
 * @param pullMillis   how long the one pass (pull, check, compress) took
 * @param vanishedKeys in scan mode, keys that SCAN returned but were gone by their DUMP (skipped); 0 in sync mode
 */
public record StagedBackup(Manifest manifest, List<StagedFile> files, String folderKey, Path stagingDir,
        long pullMillis, long vanishedKeys) {

    public StagedBackup {
        files = List.copyOf(files);
    }
}
