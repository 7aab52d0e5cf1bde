package dev.caravan.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.caravan.archive.BackupId;
import dev.caravan.archive.CatalogEntry;
import dev.caravan.archive.LocalCatalog;
import dev.caravan.backup.BackupSettings;
import dev.caravan.catalog.S3Catalog;
import dev.caravan.catalog.SftpCatalog;
import dev.caravan.service.BackupJob;
import dev.caravan.service.BackupJobs;
import dev.caravan.service.BackupRefusedException;
import dev.caravan.config.CaravanConfig.Destination;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;

/**
 * The HTTP side of /api/backups (routes/backup-triggers.camel.yaml): reads what a request asks, answers
 * JSON with the status code, and turns a refusal into 400, 404 or 409 with a message that says
 * what to do. The backups themselves are {@link BackupJobs}'.
 */
@ApplicationScoped
@Named("backupApi")
public class BackupApi {

    private static final String JSON = "application/json";

    /** The body of POST /api/backups; the source may be left out when there is one obvious. */
    @RegisterForReflection
    public record Trigger(String source) {
    }

    /** What POST /api/backups answers: the backup's id and where to follow it. */
    @RegisterForReflection
    public record Accepted(String id, String status) {
    }

    @RegisterForReflection
    public record Problem(String error) {
    }

    /** GET /api/backups?source=: the complete backups (with a manifest) at each destination. */
    @RegisterForReflection
    public record Listing(String source, List<AtDestination> destinations) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AtDestination(String destination, List<String> backups, String error) {
    }

    private final BackupJobs jobs;
    private final BackupSettings settings;
    private final ObjectMapper mapper;
    private final ObjectReader triggerReader;
    private final S3Catalog s3Catalog;
    private final SftpCatalog sftpCatalog;

    public BackupApi(BackupJobs jobs, BackupSettings settings, ObjectMapper mapper, S3Catalog s3Catalog,
            SftpCatalog sftpCatalog) {
        this.jobs = jobs;
        this.settings = settings;
        this.mapper = mapper;
        this.triggerReader = mapper.readerFor(Trigger.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.s3Catalog = s3Catalog;
        this.sftpCatalog = sftpCatalog;
    }

    /** POST /api/backups: accepts a backup of the body's source (QUEUED) for the backup-jobs route. */
    public BackupJob trigger(Exchange exchange) {
        String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (type != null && !type.isBlank() && !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            // A form body (curl -d without a header) reaches us already taken apart.
            throw invalid("the body must be JSON, {\"source\": \"<name>\"} with Content-Type: application/json;"
                    + " it was " + type);
        }
        String body = exchange.getMessage().getBody(String.class);
        String source = null;
        if (body != null && !body.isBlank()) {
            try {
                Trigger trigger = triggerReader.readValue(body);
                source = trigger == null ? null : trigger.source();
            } catch (UnrecognizedPropertyException e) {
                throw invalid("unknown field '" + e.getPropertyName() + "' in the body; it is {\"source\": \"<name>\"}"
                        + " or empty");
            } catch (JsonProcessingException e) {
                throw invalid("the body is not the JSON {\"source\": \"<name>\"} (" + e.getOriginalMessage() + ")");
            } catch (IOException e) {
                throw invalid("the body cannot be read: " + e.getMessage());
            }
        }
        return jobs.submit(source != null ? source : defaultSource(), "api");
    }

    /** 202 with the id, and the status URL as the Location. */
    public void accepted(BackupJob job, Exchange exchange) throws JsonProcessingException {
        String status = "/api/backups/" + job.id();
        respond(exchange, 202, new Accepted(job.id().toString(), status));
        exchange.getMessage().setHeader("Location", status);
    }

    /** GET /api/backups/{id}. */
    public void status(Exchange exchange) throws JsonProcessingException {
        String text = exchange.getMessage().getHeader("id", String.class);
        BackupId id;
        try {
            id = BackupId.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        BackupJob job = jobs.find(id).orElseThrow(() -> new BackupRefusedException(BackupRefusedException.Kind.UNKNOWN,
                "no backup " + id + " was run by this service since it started (or it is older than the last "
                        + BackupJobs.HISTORY + "); GET /api/backups?source=<name> lists complete backups"));
        respond(exchange, 200, BackupStatus.of(job, settings));
    }

    /** GET /api/backups?source=: each destination's complete backups of the source, newest first. */
    public void list(Exchange exchange) throws JsonProcessingException {
        String source = exchange.getMessage().getHeader("source", String.class);
        if (source == null || source.isBlank()) {
            source = defaultSource();
        }
        if (!settings.sourceNames().contains(source)) {
            throw new BackupRefusedException(BackupRefusedException.Kind.UNKNOWN, "no source '" + source
                    + "' is configured; configured: " + String.join(", ", settings.sourceNames()));
        }
        List<AtDestination> found = new ArrayList<>();
        for (String name : settings.destinationNames()) {
            try {
                found.add(new AtDestination(name, catalog(name, source).stream().map(e -> e.id().toString()).toList(),
                        null));
            } catch (IOException | RuntimeException e) {
                found.add(new AtDestination(name, null, e.getMessage() != null ? e.getMessage() : e.toString()));
            }
        }
        respond(exchange, 200, new Listing(source, found));
    }

    /** The routes' error handler: a refusal as 400, 404 or 409, anything else as 500, each with its reason. */
    public void error(Exchange exchange) throws JsonProcessingException {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (e instanceof BackupRefusedException refused) {
            int status = switch (refused.kind()) {
                case INVALID -> 400;
                case UNKNOWN -> 404;
                case ALREADY_RUNNING -> 409;
            };
            respond(exchange, status, new Problem(refused.getMessage()));
        } else {
            respond(exchange, 500, new Problem(e == null ? "unknown failure"
                    : e.getMessage() != null ? e.getMessage() : e.toString()));
        }
    }

    private List<CatalogEntry> catalog(String destination, String source) throws IOException {
        Destination d = settings.destination(destination);
        return switch (d.type()) {
            case LOCAL -> new LocalCatalog(d.path().orElseThrow(), settings.layout()).list(source);
            case S3 -> s3Catalog.list(destination, source);
            case SFTP -> sftpCatalog.list(destination, source);
        };
    }

    /** The only source, or {@code main}; with several and no {@code main}, the caller must name one. */
    private String defaultSource() {
        Set<String> names = settings.sourceNames();
        if (names.size() == 1) {
            return names.iterator().next();
        }
        if (names.contains("main")) {
            return "main";
        }
        throw invalid("name the source to back up, {\"source\": \"<name>\"}; configured: " + String.join(", ", names));
    }

    /** A response carries only its own headers, not the request's (platform-http copies message headers out). */
    private void respond(Exchange exchange, int status, Object body) throws JsonProcessingException {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, JSON);
        message.setBody(mapper.writeValueAsString(body));
    }

    private static BackupRefusedException invalid(String message) {
        return new BackupRefusedException(BackupRefusedException.Kind.INVALID, message);
    }
}
