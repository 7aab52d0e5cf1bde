package dev.caravan.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import dev.caravan.archive.ArchiveLayout;
import dev.caravan.backup.BackupSettings;
import dev.caravan.archive.CatalogEntry;
import dev.caravan.backup.DestinationUris;
import dev.caravan.config.S3Destination;

/**
 * The backups of a source in an S3 destination, newest first: the keys
 * {@code <prefix>/<source>/<backup-id>/manifest.json} (a folder without its manifest is not a
 * backup). It lists with the S3 client of the same Camel endpoint the publish route writes with,
 * so both see the store with the same endpoint, region and credentials.
 */
@ApplicationScoped
@Named("s3Catalog")
public class S3Catalog {

    private final CamelContext camel;
    private final Destinations destinations;
    /** Where backups are at every destination: the one {@code caravan.backup.prefix}. */
    private final ArchiveLayout layout;

    public S3Catalog(CamelContext camel, Destinations destinations, BackupSettings settings) {
        this.camel = camel;
        this.destinations = destinations;
        this.layout = settings.layout();
    }

    public List<CatalogEntry> list(String destination, String source) {
        S3Destination s3 = destinations.s3(destination);
        String folder = layout.sourceFolder(source) + "/";
        S3Client client = camel.getEndpoint(DestinationUris.s3(s3), AWS2S3Endpoint.class).getS3Client();
        List<CatalogEntry> entries = new ArrayList<>();
        for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix(folder)).contents()) {
            Backups.idOfManifest(object.key().substring(folder.length()))
                    .ifPresent(id -> entries.add(new CatalogEntry(source, id, layout.manifestKey(source, id))));
        }
        entries.sort(Comparator.comparing(CatalogEntry::id).reversed());
        return entries;
    }

    public Optional<CatalogEntry> latest(String destination, String source) {
        return list(destination, source).stream().findFirst();
    }
}
