package dev.caravan.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import dev.caravan.archive.ArchiveLayout;
import dev.caravan.archive.ManifestFile;
import dev.caravan.archive.ManifestWriter;
import dev.caravan.archive.StagedFile;
import dev.caravan.catalog.Destinations;
import dev.caravan.config.CaravanConfig;
import dev.caravan.config.S3Destination;
import dev.caravan.config.SftpDestination;

/**
 * The steps of the publish routes that are not endpoint calls: turning a {@link PublishRequest}
 * into a {@link Publication} for an S3 or SFTP destination, counting attempts, checking what a
 * store reports against what was sent, and recording a failure's reason without secrets.
 */
@ApplicationScoped
@Named("publications")
public class Publications {

    private static final int MAX_REASON = 600;

    private final Destinations destinations;

    public Publications(Destinations destinations) {
        this.destinations = destinations;
    }

    public Publication s3(PublishRequest request) throws IOException {
        CaravanConfig.Destination destination = destinations.destination(request.destination());
        S3Destination s3 = destinations.s3(request.destination());
        Set<String> secrets = new LinkedHashSet<>();
        s3.secretKey().ifPresent(secrets::add);
        return publication(request, DestinationUris.s3(s3), destination, secrets);
    }

    /** A local folder: {@link LocalPublish} writes it; the publication counts and paces the attempts. */
    public Publication local(PublishRequest request) throws IOException {
        return publication(request, null, destinations.destination(request.destination()), Set.of());
    }

    public Publication sftp(PublishRequest request) throws IOException {
        CaravanConfig.Destination destination = destinations.destination(request.destination());
        SftpDestination sftp = destinations.sftp(request.destination());
        Set<String> secrets = new LinkedHashSet<>();
        sftp.password().ifPresent(secrets::add);
        sftp.privateKeyPassphrase().ifPresent(secrets::add);
        return publication(request, DestinationUris.sftp(sftp), destination, secrets);
    }

    public void startAttempt(@ExchangeProperty("publication") Publication publication) {
        publication.startAttempt();
    }

    public void succeeded(@ExchangeProperty("publication") Publication publication) {
        publication.succeeded();
    }

    public void failed(@ExchangeProperty("publication") Publication publication,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        publication.failed(reason(failure));
    }

    /** A request that cannot be attempted (an unknown destination, a staged file missing): failed, not thrown. */
    public PublishResult refused(@ExchangeProperty("request") PublishRequest request,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        return PublishResult.failed(request.destination(), 0, reason(failure));
    }

    /** An object whose stored size differs from what was sent is a failed upload, not a backup. */
    public void checkStored(HeadObjectResponse head, @ExchangeProperty("upload") Publication.Upload upload)
            throws IOException {
        Long stored = head.contentLength();
        if (stored == null || stored != upload.size()) {
            throw new IOException("the store reports " + stored + " bytes for " + upload.key() + ", "
                    + upload.size() + " were sent");
        }
    }

    private Publication publication(PublishRequest request, String uri, CaravanConfig.Destination destination,
            Set<String> secrets) throws IOException {
        List<Publication.Upload> archives = new ArrayList<>();
        for (ManifestFile entry : request.manifest().files()) {
            StagedFile staged = request.files().stream()
                    .filter(s -> s.path().getFileName().toString().equals(entry.file()))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no staged file for " + entry.file()));
            if (staged.size() != entry.size() || !staged.sha256().equals(entry.sha256())) {
                throw new IOException("staged " + staged.path() + " does not match the manifest's entry for "
                        + entry.file());
            }
            archives.add(new Publication.Upload(request.folderKey() + "/" + entry.file(), staged.path().toFile(),
                    staged.size()));
        }
        return new Publication(request, uri, archives, request.folderKey() + "/" + ArchiveLayout.MANIFEST,
                ManifestWriter.toBytes(request.manifest()), destination.retry(), secrets);
    }

    /**
     * The distinct messages along the cause chain, outermost first, so a reason reads from what
     * failed to why ("Cannot connect to sftp://...: Connection refused"). Camel's wrappers around
     * a split item's failure repeat the exchange and add nothing, so they are skipped.
     */
    static String reason(Throwable failure) {
        StringBuilder reason = new StringBuilder();
        Set<String> seen = new LinkedHashSet<>();
        for (Throwable t = failure; t != null && seen.size() < 8; t = t.getCause()) {
            if (t instanceof org.apache.camel.CamelExchangeException && t.getCause() != null) {
                continue;
            }
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (seen.add(message) && reason.indexOf(message) < 0) {
                reason.append(reason.isEmpty() ? "" : ": ").append(message);
            }
        }
        if (reason.indexOf("HostKey") >= 0) {
            reason.append(" (the server's host key is not in the configured known_hosts file and"
                    + " strict-host-key-checking is on)");
        }
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason.toString();
    }
}
