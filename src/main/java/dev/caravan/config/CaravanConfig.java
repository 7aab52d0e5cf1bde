package dev.caravan.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Everything under {@code caravan.}, typed and validated at start-up. SmallRye Config refuses a
 * property under this prefix that maps to nothing here, so a typo fails loudly instead of being
 * ignored.
 */
@ConfigMapping(prefix = "caravan")
public interface CaravanConfig {

    /** How {@code inspect} summarises a snapshot. */
    Inspect inspect();

    interface Inspect {

        /** How many of the largest keys (by serialized size) a report lists. */
        @WithDefault("10")
        @Min(0)
        @Max(10_000)
        int largestKeys();
    }
}
