package dev.caravan.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code caravan.destinations.<name>.retry.*}: how a destination's publish is retried. A retry
 * starts the publish over (objects are overwritten, the manifest still goes last), after
 * {@code delay}, then {@code delay * multiplier}, ... capped at {@code max-delay}.
 */
public interface PublishRetry {

    /** Attempts in all, the first included: 1 to 100. */
    @WithDefault("3")
    int attempts();

    @WithDefault("1s")
    Duration delay();

    /** 1 or more. */
    @WithDefault("2")
    double multiplier();

    @WithDefault("1m")
    Duration maxDelay();
}
