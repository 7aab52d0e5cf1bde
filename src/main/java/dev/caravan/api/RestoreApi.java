package dev.caravan.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;

import dev.caravan.restore.RestoreError;
import dev.caravan.restore.RestoreJob;
import dev.caravan.restore.RestoreJobs;
import dev.caravan.restore.RestorePreflight;
import dev.caravan.restore.RestoreRefusedException;
import dev.caravan.restore.RestoreRequest;
import dev.caravan.restore.RestoreRequests;

/**
 * {@code /api/restores} (routes/restore-triggers.camel.yaml): a request is read and checked at once, so a
 * restore that cannot run is answered with its 4xx and starts nothing; an accepted one is queued
 * as a job and answered 202 with where to follow it.
 */
@ApplicationScoped
@Named("restoreApi")
public class RestoreApi {

    static final String PATH = "/api/restores";
    private static final String JSON = "application/json";

    private final RestorePreflight preflight;
    private final RestoreJobs jobs;
    private final ObjectMapper json;

    public RestoreApi(RestorePreflight preflight, RestoreJobs jobs, ObjectMapper json) {
        this.preflight = preflight;
        this.jobs = jobs;
        this.json = json;
    }

    /**
     * Reads and checks a posted request and registers its job (the exchange property
     * {@value RestoreJob#EXCHANGE_PROPERTY}); the request becomes the body for the job queue.
     */
    public RestoreRequest submit(String body, Exchange exchange) {
        RestoreRequest request = RestoreRequests.parse(body == null ? "" : body);
        RestoreJob job = preflight.accept(request);
        exchange.setProperty(RestoreJob.EXCHANGE_PROPERTY, job);
        return request;
    }

    /** The 202 answer for a queued job. */
    public String accepted(Exchange exchange) {
        RestoreJob job = exchange.getProperty(RestoreJob.EXCHANGE_PROPERTY, RestoreJob.class);
        String location = PATH + "/" + job.id();
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getIn().setHeader("Location", location);
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, JSON);
        return write(new RestoreAccepted(job.id(), location));
    }

    /** {@code GET /api/restores/{id}}: the job's status, or 404 for an id this process does not know. */
    public String status(Exchange exchange) {
        String id = exchange.getIn().getHeader("id", String.class);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, JSON);
        return jobs.find(id).map(job -> {
            exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            return write(job.status());
        }).orElseGet(() -> {
            exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            // An id of another form is not repeated: it may be anything a client sent.
            String what = RestoreJobs.isJobId(id) ? "no restore job " + id + " is known" : "not a restore job id";
            return write(new RestoreError("NOT_FOUND", what + "; jobs are kept in memory for a day after they finish"
                    + " and forgotten when Caravan restarts"));
        });
    }

    /**
     * The answer for a request that was refused or could not be queued: the refusal's status and
     * reason; a job registered for it is forgotten, since it never ran.
     */
    public String refused(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RestoreJob job = exchange.getProperty(RestoreJob.EXCHANGE_PROPERTY, RestoreJob.class);
        if (job != null) {
            jobs.forget(job);
        }
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, JSON);
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, RestoreError.httpStatus(cause));
        return write(RestoreError.of(cause));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
