package dev.caravan.restore;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * How a trigger runs a restore through the routes with a job of its own (so it can show the
 * job's status while the route runs): the request or archive in, the job as the exchange property
 * {@value RestoreJob#EXCHANGE_PROPERTY}, the result out, a refusal thrown as itself rather than
 * wrapped by Camel.
 */
public final class Restores {

    private Restores() {
    }

    /** {@code direct:restore}. */
    public static RestoreResult run(ProducerTemplate routes, RestoreRequest request, RestoreJob job) {
        return call(routes, "direct:restore", request, job, null);
    }

    /** {@code direct:restore-file}: a dropped archive into {@code target} (null: {@code caravan.restore.default-target}). */
    public static RestoreResult runFile(ProducerTemplate routes, java.nio.file.Path archive, String target,
            RestoreJob job) {
        return call(routes, "direct:restore-file", archive, job, target);
    }

    private static RestoreResult call(ProducerTemplate routes, String uri, Object body, RestoreJob job, String target) {
        Exchange done = routes.send(uri, exchange -> {
            exchange.getIn().setBody(body);
            if (target != null) {
                exchange.getIn().setHeader(RestorePlanner.TARGET_HEADER, target);
            }
            exchange.setProperty(RestoreJob.EXCHANGE_PROPERTY, job);
        });
        Exception failure = done.getException();
        if (failure instanceof RestoreRefusedException refused) {
            throw refused;
        }
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        return done.getMessage().getBody(RestoreResult.class);
    }
}
