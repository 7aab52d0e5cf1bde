package dev.caravan.backup;

import org.apache.camel.Exchange;

/**
 * Counts a publish's attempts on its exchange, which Camel redelivers to the same step: a publish
 * step calls {@link #next} first, and the failure handler reads {@link #count} once retries are
 * spent. (Camel's own redelivery counter is gone from the message by then.)
 */
public final class Attempts {

    static final String PROPERTY = "caravanPublishAttempts";

    private Attempts() {
    }

    /** Records one more attempt and returns how many there have been, this one included. */
    public static int next(Exchange exchange) {
        int attempts = count(exchange) + 1;
        exchange.setProperty(PROPERTY, attempts);
        return attempts;
    }

    /** Attempts so far; 0 if the publish never started. */
    public static int count(Exchange exchange) {
        Integer attempts = exchange.getProperty(PROPERTY, Integer.class);
        return attempts == null ? 0 : attempts;
    }
}
