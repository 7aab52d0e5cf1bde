package dev.caravan.catalog;

import java.util.Optional;

import dev.caravan.archive.ArchiveLayout;
import dev.caravan.archive.BackupId;

/** Recognising a backup's manifest by its path under a source's folder. */
final class Backups {

    private Backups() {
    }

    /** The backup id of {@code <backup-id>/manifest.json}; empty for any other path. */
    static Optional<BackupId> idOfManifest(String pathUnderSource) {
        int slash = pathUnderSource.indexOf('/');
        if (slash < 0 || !pathUnderSource.substring(slash + 1).equals(ArchiveLayout.MANIFEST)) {
            return Optional.empty();
        }
        return id(pathUnderSource.substring(0, slash));
    }

    /** The backup id a folder is named after; empty if it is not named after one. */
    static Optional<BackupId> id(String folderName) {
        try {
            return Optional.of(BackupId.parse(folderName));
        } catch (IllegalArgumentException notABackup) {
            return Optional.empty();
        }
    }
}
