package dev.caravan.restore;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.RemoteFileComponent;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpOperations;
import org.apache.camel.support.DefaultExchange;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import dev.caravan.archive.ArchiveLayout;
import dev.caravan.archive.CatalogEntry;
import dev.caravan.archive.LocalCatalog;
import dev.caravan.backup.BackupSettings;
import dev.caravan.backup.DestinationUris;
import dev.caravan.catalog.S3Catalog;
import dev.caravan.catalog.SftpCatalog;
import dev.caravan.config.CaravanConfig;
import dev.caravan.config.S3Destination;
import dev.caravan.config.SftpDestination;

/**
 * The configured destinations as restores read them, in the order a restore without
 * {@code from} tries them: by name, as backups publish to them. S3 and SFTP are read through the
 * same Camel endpoints and catalogs the publish routes and listings use, so a restore sees a
 * store with the same endpoint, credentials and host-key checks.
 */
@ApplicationScoped
public class ArchiveStores {

    private final CamelContext camel;
    private final BackupSettings settings;
    private final S3Catalog s3Catalog;
    private final SftpCatalog sftpCatalog;
    private final Map<String, CaravanConfig.Destination> destinations;

    public ArchiveStores(CamelContext camel, CaravanConfig config, BackupSettings settings, S3Catalog s3Catalog,
            SftpCatalog sftpCatalog) {
        this.camel = camel;
        this.settings = settings;
        this.s3Catalog = s3Catalog;
        this.sftpCatalog = sftpCatalog;
        this.destinations = new TreeMap<>(config.destinations());
    }

    /** Destination names in the order restores try them. */
    public List<String> names() {
        return List.copyOf(destinations.keySet());
    }

    /** @throws IllegalArgumentException if no destination has this name */
    public ArchiveStore store(String name) {
        CaravanConfig.Destination destination = destinations.get(name);
        if (destination == null) {
            throw new IllegalArgumentException("no destination '" + name + "' is configured");
        }
        return switch (destination.type()) {
            case LOCAL -> local(name, destination.path().orElseThrow());
            case S3 -> s3(name, destination.s3().orElseThrow());
            case SFTP -> sftp(name, destination.sftp().orElseThrow());
        };
    }

    private ArchiveStore local(String name, Path root) {
        LocalCatalog catalog = new LocalCatalog(root, settings.layout());
        return new ArchiveStore() {
            @Override
            public String destination() {
                return name;
            }

            @Override
            public List<CatalogEntry> list(String source) throws IOException {
                return catalog.list(source);
            }

            @Override
            public InputStream open(String key) throws IOException {
                return Files.newInputStream(existing(key));
            }

            @Override
            public boolean linkTo(String key, Path target) throws IOException {
                Path file = existing(key);
                try {
                    Files.createLink(target, file);
                    return true;
                } catch (UnsupportedOperationException | FileSystemException e) {
                    return false; // another file system, or one without hard links: the fetcher copies
                }
            }

            private Path existing(String key) throws NoSuchFileException {
                Path file = ArchiveLayout.resolveUnder(root, key);
                if (!Files.isRegularFile(file)) {
                    throw new NoSuchFileException(file.toString());
                }
                return file;
            }
        };
    }

    private ArchiveStore s3(String name, S3Destination s3) {
        return new ArchiveStore() {
            @Override
            public String destination() {
                return name;
            }

            @Override
            public List<CatalogEntry> list(String source) {
                return s3Catalog.list(name, source);
            }

            @Override
            public InputStream open(String key) throws IOException {
                S3Client client = camel.getEndpoint(DestinationUris.s3(s3), AWS2S3Endpoint.class).getS3Client();
                try {
                    return new AbortOnEarlyClose(client.getObject(b -> b.bucket(s3.bucket()).key(key)));
                } catch (NoSuchKeyException e) {
                    throw new NoSuchFileException("s3://" + s3.bucket() + "/" + key);
                } catch (S3Exception e) {
                    if (e.statusCode() == 404) {
                        throw new NoSuchFileException("s3://" + s3.bucket() + "/" + key);
                    }
                    throw e;
                }
            }
        };
    }

    /**
     * SFTP objects are streamed through Camel's SFTP operations of an endpoint with
     * {@code streamDownload=true} (otherwise Camel reads a file whole into memory); the
     * connection lives as long as the stream.
     */
    private ArchiveStore sftp(String name, SftpDestination sftp) {
        return new ArchiveStore() {
            @Override
            public String destination() {
                return name;
            }

            @Override
            public List<CatalogEntry> list(String source) {
                return sftpCatalog.list(name, source);
            }

            @Override
            public InputStream open(String key) throws IOException {
                SftpEndpoint endpoint = camel.getEndpoint(DestinationUris.sftp(sftp) + "&streamDownload=true",
                        SftpEndpoint.class);
                String base = endpoint.getConfiguration().getDirectory();
                String path = (base.isEmpty() ? "" : base + "/") + key;
                SftpOperations operations = (SftpOperations) endpoint.createRemoteFileOperations();
                operations.connect(endpoint.getConfiguration(), null);
                Exchange exchange = new DefaultExchange(camel);
                try {
                    if (!operations.existsFile(path)) {
                        throw new NoSuchFileException("sftp " + path);
                    }
                    exchange.setProperty(Exchange.FILE_EXCHANGE_FILE, operations.newGenericFile());
                    operations.retrieveFile(path, exchange, -1);
                    InputStream in = exchange.getIn().getHeader(RemoteFileComponent.REMOTE_FILE_INPUT_STREAM,
                            InputStream.class);
                    if (in == null) {
                        throw new IOException("the SFTP endpoint gave no stream for " + path);
                    }
                    return new FilterInputStream(in) {
                        @Override
                        public void close() throws IOException {
                            try {
                                super.close();
                            } finally {
                                disconnect(operations, exchange);
                            }
                        }
                    };
                } catch (GenericFileOperationFailedException e) {
                    disconnect(operations, exchange);
                    throw new IOException(e.getMessage(), e);
                } catch (IOException | RuntimeException e) {
                    disconnect(operations, exchange);
                    throw e;
                }
            }
        };
    }

    private static void disconnect(SftpOperations operations, Exchange exchange) {
        try {
            operations.releaseRetrievedFileResources(exchange);
        } catch (RuntimeException ignored) {
            // the connection goes next anyway
        }
        operations.disconnect();
    }
}
