package dev.caravan.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * {@code caravan.destinations.<name>.retry.*}: how a destination's publish is retried. A retry
 * starts the publish over (objects are overwritten, the manifest still goes last), after
 * {@code delay}, then {@code delay * multiplier}, ... capped at {@code max-delay}.
 */
public interface PublishRetry {

    /** Attempts in all, the first included. */
    @WithDefault("3")
    @Min(1)
    @Max(100)
    int attempts();

    @WithDefault("1s")
    Duration delay();

    @WithDefault("2")
    @Min(1)
    double multiplier();

    @WithDefault("1m")
    Duration maxDelay();
}
