package dev.caravan.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;

/**
 * Turns a publish that ended in an exception instead of a result (no publish route for the
 * destination's type in this build, or a route that threw) into a failed {@link PublishResult},
 * so one destination's failure is a result the policy weighs, not an error that stops the others.
 * The publish routes themselves retry and answer failed results; see routes/publish.camel.yaml.
 */
@ApplicationScoped
@Named("publishFailure")
public class PublishFailure {

    /** For the fan-out's aggregation, which sees the exception on the exchange (or caught by a handler). */
    public PublishResult failed(Exchange exchange) {
        PublishRequest request = exchange.getMessage().getBody(PublishRequest.class);
        Exception cause = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String destination = request == null ? "?" : request.destination();
        if (cause instanceof DirectConsumerNotAvailableException) {
            String type = exchange.getMessage().getHeader(BackupHeaders.DESTINATION_TYPE, String.class);
            return PublishResult.failed(destination, 0, "this build has no publish route for destinations of type "
                    + type + " (direct:publish-" + type + ")");
        }
        return PublishResult.failed(destination, 0, reason(cause));
    }

    private static String reason(Throwable e) {
        if (e == null) {
            return "unknown failure";
        }
        return e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.toString();
    }
}
