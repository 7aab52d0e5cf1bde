package dev.caravan.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;

import dev.caravan.archive.ArchiveLayout;
import dev.caravan.backup.BackupSettings;
import dev.caravan.archive.BackupId;
import dev.caravan.archive.CatalogEntry;
import dev.caravan.backup.DestinationUris;
import dev.caravan.config.SftpDestination;

/**
 * The backups of a source in an SFTP destination, newest first: the folders
 * {@code <directory>/<prefix>/<source>/<backup-id>} that hold a {@code manifest.json}. It connects
 * through Camel's SFTP operations for the same endpoint the publish route writes with, so the
 * host key is checked and the user authenticated exactly as when publishing.
 */
@ApplicationScoped
@Named("sftpCatalog")
public class SftpCatalog {

    private final CamelContext camel;
    private final Destinations destinations;
    /** Where backups are at every destination: the one {@code caravan.backup.prefix}. */
    private final ArchiveLayout layout;

    public SftpCatalog(CamelContext camel, Destinations destinations, BackupSettings settings) {
        this.camel = camel;
        this.destinations = destinations;
        this.layout = settings.layout();
    }

    /** @param manifestKey of each entry: relative to the destination's {@code directory} */
    public List<CatalogEntry> list(String destination, String source) {
        SftpDestination sftp = destinations.sftp(destination);
        SftpEndpoint endpoint = camel.getEndpoint(DestinationUris.sftp(sftp), SftpEndpoint.class);
        String base = endpoint.getConfiguration().getDirectory();
        String folder = (base.isEmpty() ? "" : base + "/") + layout.sourceFolder(source);
        var operations = endpoint.createRemoteFileOperations();
        List<CatalogEntry> entries = new ArrayList<>();
        operations.connect(endpoint.getConfiguration(), null);
        try {
            if (!operations.existsFile(folder)) {
                return entries;
            }
            for (SftpRemoteFile<?> child : operations.listFiles(folder)) {
                Optional<BackupId> id = child.isDirectory() ? Backups.id(child.getFilename()) : Optional.empty();
                if (id.isPresent() && hasManifest(operations.listFiles(folder + "/" + child.getFilename()))) {
                    entries.add(new CatalogEntry(source, id.get(), layout.manifestKey(source, id.get())));
                }
            }
        } finally {
            operations.disconnect();
        }
        entries.sort(Comparator.comparing(CatalogEntry::id).reversed());
        return entries;
    }

    public Optional<CatalogEntry> latest(String destination, String source) {
        return list(destination, source).stream().findFirst();
    }

    private static boolean hasManifest(SftpRemoteFile<?>[] files) {
        for (SftpRemoteFile<?> file : files) {
            if (!file.isDirectory() && file.getFilename().equals(ArchiveLayout.MANIFEST)) {
                return true;
            }
        }
        return false;
    }
}
