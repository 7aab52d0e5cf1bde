package dev.caravan.restore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import dev.caravan.config.CaravanConfig;
import dev.caravan.restore.RestoreRefusedException.Reason;

/**
 * The file-drop inbox (routes/restore-triggers.camel.yaml, {@code caravan.restore.inbox}): a dropped
 * {@code *.json} is a restore request; a dropped archive ({@code .rdb.zst}, {@code .rdb.gz},
 * {@code .zip}) or bare {@code .rdb} is restored into {@code caravan.restore.default-target}.
 * The file consumer moves what succeeded to {@code done/} and what failed to {@code failed/},
 * where {@link #failed} writes {@code NAME.error.txt} beside it.
 */
@ApplicationScoped
@Named("restoreInbox")
public class RestoreInbox {

    /** Where failed files go, under the inbox; the route's {@code moveFailed} says the same. */
    static final String FAILED = "failed";
    /** A request file is small; a bigger one is refused unread. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(RestoreInbox.class);

    private final CaravanConfig config;
    private final RestorePreflight preflight;

    public RestoreInbox(CaravanConfig config, RestorePreflight preflight) {
        this.config = config;
        this.preflight = preflight;
    }

    /** The kinds of files the inbox reads, by name. */
    public enum Kind { REQUEST, ARCHIVE }

    /** What a dropped file is, by its name (the route's include pattern lets only these in). */
    public static Kind kind(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Kind.REQUEST;
        }
        if (name.endsWith(".rdb") || name.endsWith(".rdb.zst") || name.endsWith(".rdb.gz") || name.endsWith(".zip")) {
            return Kind.ARCHIVE;
        }
        throw new RestoreRefusedException(Reason.INVALID_REQUEST, "the inbox reads *.json restore requests and"
                + " *.rdb, *.rdb.zst, *.rdb.gz or *.zip files, not " + fileName);
    }

    public String kindOf(Exchange exchange) {
        return kind(fileName(exchange)).name();
    }

    /** A dropped request file: read, checked, its job registered; the request becomes the body. */
    public RestoreRequest request(Exchange exchange) throws IOException {
        Path file = path(exchange);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
        if (bytes.length > MAX_REQUEST_BYTES) {
            throw new RestoreRefusedException(Reason.INVALID_REQUEST, "a restore request file is at most "
                    + MAX_REQUEST_BYTES / 1024 + " KiB of JSON; drop archives as .rdb, .rdb.zst, .rdb.gz or .zip");
        }
        RestoreRequest request = RestoreRequests.parse(new String(bytes, StandardCharsets.UTF_8));
        exchange.setProperty(RestoreJob.EXCHANGE_PROPERTY, preflight.accept(request));
        LOG.infof("inbox: restoring %s (request %s)", file.getFileName(),
                exchange.getProperty(RestoreJob.EXCHANGE_PROPERTY, RestoreJob.class).id());
        return request;
    }

    /**
     * A dropped archive: into the default target (header {@code caravanRestoreTarget}), its job
     * registered; the file's path becomes the body.
     */
    public Path archive(Exchange exchange) {
        Path file = path(exchange);
        String target = config.restore().defaultTarget().orElseThrow(() -> new RestoreRefusedException(
                Reason.INVALID_REQUEST, "a dropped archive is restored into caravan.restore.default-target, which is"
                        + " not set; set it, or drop a .json restore request that names its target"));
        RestoreJob job = preflight.acceptFile(target);
        exchange.setProperty(RestoreJob.EXCHANGE_PROPERTY, job);
        exchange.getIn().setHeader("caravanRestoreTarget", target);
        LOG.infof("inbox: restoring %s into the default target (job %s)", file.getFileName(), job.id());
        return file;
    }

    /** A dropped file's restore finished: the job keeps the result; the file goes to done/. */
    public void done(RestoreResult result, Exchange exchange) {
        exchange.getIn().removeHeader("caravanRestoreTarget");
        RestoreJob job = exchange.getProperty(RestoreJob.EXCHANGE_PROPERTY, RestoreJob.class);
        job.succeeded(result);
        LOG.infof("inbox: %s restored in %d ms (job %s; %s): %d keys restored, %d skipped, %d failed; %s",
                fileName(exchange), result.millis(), job.id(), result.phasesInWords(), result.keysRestored(),
                result.keysSkipped(), result.keysFailed(), result.check());
    }

    /**
     * A dropped file failed: writes {@code failed/NAME.error.txt} with the reason and logs it; the
     * job, if any, records it. Throws the failure again, so that the consumer moves the file to
     * {@code failed/}.
     */
    public void failed(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        RestoreJob job = exchange.getProperty(RestoreJob.EXCHANGE_PROPERTY, RestoreJob.class);
        if (job != null) {
            job.failed(RestoreError.unwrap(cause));
        }
        RestoreError error = RestoreError.of(cause);
        Path file = path(exchange);
        Path folder = file.resolveSibling(FAILED);
        Files.createDirectories(folder);
        String text = error.error() + ": " + error.message() + "\n"
                + (job != null ? "job: " + job.id() + "\n" : "");
        Files.writeString(folder.resolve(file.getFileName() + ".error.txt"), text, StandardCharsets.UTF_8);
        LOG.warnf("inbox: %s failed, moved to %s/ (%s): %s", file.getFileName(), FAILED, error.error(),
                error.message());
        if (cause instanceof Exception e) {
            throw e;
        }
        throw new IllegalStateException(error.message(), cause);
    }

    private static Path path(Exchange exchange) {
        return Path.of(exchange.getIn().getHeader("CamelFileAbsolutePath", String.class)).toAbsolutePath();
    }

    private static String fileName(Exchange exchange) {
        return exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
    }
}
