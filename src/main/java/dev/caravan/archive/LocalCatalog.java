package dev.caravan.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Lists the backups in a local destination folder. The store is the catalog (DESIGN §4): a
 * backup is a folder named by a backup id that holds {@code manifest.json}; a folder without it
 * (a publish in progress or one that failed) is not a backup, nor is anything else found there.
 */
public final class LocalCatalog {

    private final Path root;
    private final ArchiveLayout layout;

    public LocalCatalog(Path root, ArchiveLayout layout) {
        this.root = root.toAbsolutePath().normalize();
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /** The source's complete backups, newest first; empty if it has none. */
    public List<CatalogEntry> list(String source) throws IOException {
        Path folder = ArchiveLayout.resolveUnder(root, layout.sourceFolder(source));
        List<CatalogEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                BackupId id = parseOrNull(child.getFileName().toString());
                if (id != null && Files.isRegularFile(child.resolve(ArchiveLayout.MANIFEST))) {
                    entries.add(new CatalogEntry(source, id, layout.manifestKey(source, id)));
                }
            }
        }
        entries.sort(Comparator.comparing(CatalogEntry::id).reversed());
        return entries;
    }

    /** What {@code latest} means for a source: its newest complete backup. */
    public Optional<CatalogEntry> latest(String source) throws IOException {
        return list(source).stream().findFirst();
    }

    public Manifest read(CatalogEntry entry) throws IOException {
        try (InputStream in = Files.newInputStream(ArchiveLayout.resolveUnder(root, entry.manifestKey()))) {
            return ManifestReader.read(in);
        }
    }

    private static BackupId parseOrNull(String name) {
        try {
            return BackupId.parse(name);
        } catch (IllegalArgumentException notABackup) {
            return null;
        }
    }
}
