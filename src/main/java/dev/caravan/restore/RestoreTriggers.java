package dev.caravan.restore;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import dev.caravan.config.CaravanConfig;

/**
 * What the restore triggers share (routes/restore-triggers.camel.yaml): the routes of the optional
 * triggers start only in the service and only when configured, queued jobs record how they ended, and the message
 * trigger's outcome goes to the reply URI while an unreadable or refused message goes to the
 * dead-letter URI with its reason (or, without one, to the log: never dropped in silence).
 */
@ApplicationScoped
@Named("restoreTriggers")
public class RestoreTriggers {

    /** Route ids of the triggers that exist only when configured. */
    static final String MESSAGE_ROUTE = "restore-message-trigger";
    static final String INBOX_ROUTE = "restore-inbox";
    /** The header a dead letter carries its reason in (the {@code error} word of {@link RestoreError}). */
    public static final String REASON_HEADER = "caravanRestoreError";
    /** The exchange property that keeps a message's original bytes for its dead letter. */
    static final String ORIGINAL = "caravanRestoreOriginal";
    /** The exchange property that marks a refused message, for the route to send its dead letter. */
    static final String REFUSED = "caravanRestoreRefused";
    /** Dead letters quote at most this much of the original message. */
    static final int ORIGINAL_LIMIT = 64 * 1024;

    static final int RETRY_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(RestoreTriggers.class);

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "restore-trigger-retry");
        thread.setDaemon(true);
        return thread;
    });

    private final CamelContext camel;
    private final CaravanConfig config;
    private final RestorePreflight preflight;
    private final ObjectMapper json;

    public RestoreTriggers(CamelContext camel, CaravanConfig config, RestorePreflight preflight, ObjectMapper json) {
        this.camel = camel;
        this.config = config;
        this.preflight = preflight;
        this.json = json;
    }

    /**
     * Starts the message trigger and the inbox, each only if configured. The service calls this
     * once Camel runs; a CLI command does not, so it never takes a message or a dropped file
     * meant for the service (nor logs in to a broker under the service's client id). A message
     * trigger whose broker cannot be reached does not stop the service: it is tried again every
     * {@value #RETRY_SECONDS} seconds, and each failure is logged.
     */
    public void startConfigured() throws Exception {
        if (config.restore().triggerUri().isPresent()) {
            startMessageTrigger();
        }
        if (config.restore().inbox().isPresent()) {
            camel.getRouteController().startRoute(INBOX_ROUTE);
            LOG.infof("restore inbox: %s", config.restore().inbox().get().toAbsolutePath());
        }
    }

    private void startMessageTrigger() {
        String where = redactedUri(config.restore().triggerUri().get());
        try {
            camel.getRouteController().startRoute(MESSAGE_ROUTE);
            LOG.infof("restore requests are read from %s", where);
        } catch (Exception e) {
            LOG.errorf("the restore message trigger %s could not start (%s); trying again in %d s", where,
                    e.getMessage(), RETRY_SECONDS);
            try {
                camel.getRouteController().stopRoute(MESSAGE_ROUTE);
            } catch (Exception ignored) {
                // it did not start; stopping only resets its state for the next try
            }
            retries.schedule(this::startMessageTrigger, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stopRetrying() {
        retries.shutdownNow();
    }

    /** A queued job's restore returned its result. */
    public void succeeded(RestoreResult result, Exchange exchange) {
        RestoreJob job = exchange.getProperty(RestoreJob.EXCHANGE_PROPERTY, RestoreJob.class);
        job.succeeded(result);
        LOG.infof("restore %s done in %d ms (%s): %d keys restored, %d skipped, %d failed; %s", job.id(),
                result.millis(), result.phasesInWords(), result.keysRestored(), result.keysSkipped(),
                result.keysFailed(), result.check());
    }

    /** A queued job's restore failed: the job keeps the reason, the log gets one line. */
    public void failed(Exchange exchange) {
        RestoreJob job = exchange.getProperty(RestoreJob.EXCHANGE_PROPERTY, RestoreJob.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        job.failed(RestoreError.unwrap(cause));
        RestoreError error = RestoreError.of(cause);
        LOG.warnf("restore %s failed (%s): %s", job.id(), error.error(), error.message());
    }

    /**
     * The message trigger's first step: keeps the original bytes for a dead letter, reads and
     * checks the request and registers its job.
     */
    public RestoreRequest received(byte[] body, Exchange exchange) {
        byte[] original = body == null ? new byte[0] : body;
        exchange.setProperty(ORIGINAL, original);
        RestoreRequest request = RestoreRequests.parse(new String(original, StandardCharsets.UTF_8));
        exchange.setProperty(RestoreJob.EXCHANGE_PROPERTY, preflight.accept(request));
        return request;
    }

    /** The reply to a message whose restore ran: the result as JSON. */
    public String replied(RestoreResult result, Exchange exchange) {
        succeeded(result, exchange);
        return write(result);
    }

    /**
     * A refused or unreadable message: the body becomes its dead letter, JSON with the reason
     * and the original message, and {@value #REASON_HEADER} names the reason. The job, if one
     * was registered, records the failure.
     */
    public String deadLetter(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RestoreJob job = exchange.getProperty(RestoreJob.EXCHANGE_PROPERTY, RestoreJob.class);
        if (job != null) {
            job.failed(RestoreError.unwrap(cause));
        }
        RestoreError error = RestoreError.of(cause);
        byte[] original = exchange.getProperty(ORIGINAL, byte[].class);
        if (original == null) {
            original = exchange.getIn().getBody(byte[].class);
        }
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("error", error.error());
        letter.put("message", error.message());
        if (job != null) {
            letter.put("job", job.id());
        }
        letter.put("original", original == null ? "" : new String(original, 0, Math.min(original.length,
                ORIGINAL_LIMIT), StandardCharsets.UTF_8));
        if (original != null && original.length > ORIGINAL_LIMIT) {
            letter.put("originalTruncatedFrom", original.length);
        }
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(REASON_HEADER, error.error());
        exchange.setProperty(REFUSED, true);
        String text = write(letter);
        // The original is not logged: a request may name a target with its password.
        LOG.warnf("restore message refused (%s): %s%s", error.error(), error.message(),
                config.restore().deadLetterUri().isEmpty()
                        ? " (no caravan.restore.dead-letter-uri is set: this line is all that is kept of the "
                                + letterSize(original) + "-byte message)"
                        : "");
        return text;
    }

    private static int letterSize(byte[] original) {
        return original == null ? 0 : original.length;
    }

    /** Where a message-triggered restore's outcome goes; empty for nowhere. */
    public String replyUri() {
        return config.restore().replyUri().orElse("");
    }

    /** Where refused messages go; empty when they are only logged. */
    public String deadLetterUri() {
        return config.restore().deadLetterUri().orElse("");
    }

    /** A consumer URI for the log: its options (which may hold credentials) left out. */
    static String redactedUri(String uri) {
        int query = uri.indexOf('?');
        String base = query < 0 ? uri : uri.substring(0, query);
        return base.replaceAll("//[^/@]*@", "//***@") + (query < 0 ? "" : "?...");
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
