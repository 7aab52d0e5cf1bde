package dev.caravan.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;
import java.util.Optional;

/**
 * Everything under {@code caravan.}, typed and validated at start-up. SmallRye Config refuses a
 * property under this prefix that maps to nothing here, so a typo fails loudly instead of being
 * ignored.
 */
@ConfigMapping(prefix = "caravan")
public interface CaravanConfig {

    /** Where backups are published, by name ({@code caravan.destinations.<name>.*}). */
    Map<String, Destination> destinations();

    interface Destination {

        /** Present for an S3 destination. */
        Optional<S3Destination> s3();

        /** Present for an SFTP destination. */
        Optional<SftpDestination> sftp();

        PublishRetry retry();
    }

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
