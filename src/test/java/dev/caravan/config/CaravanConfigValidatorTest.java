package dev.caravan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

/** The mapping's single-key checks, through SmallRye Config as the application builds it. */
class CaravanConfigValidatorTest {

    private static final Map<String, String> VALID = Map.of(
            "caravan.sources.main.uri", "redis://localhost:6379",
            "caravan.destinations.local.type", "local",
            "caravan.destinations.local.path", "./backups");

    @Test
    void theDefaultsAndBoundsThemselvesAreValid() {
        CaravanConfig config = build(with(Map.of(
                "caravan.inspect.largest-keys", "0",
                "caravan.restore.window", "100000",
                "caravan.destinations.local.retry.multiplier", "1"))).getConfigMapping(CaravanConfig.class);

        assertThat(config.inspect().largestKeys()).isZero();
        assertThat(config.restore().window()).isEqualTo(100_000);
        assertThat(config.backup().concurrent()).isEqualTo(2);
    }

    @Test
    void everyValueOutOfItsRangeIsNamedWithItsValueAndBounds() {
        assertThatThrownBy(() -> build(with(Map.of(
                "caravan.inspect.largest-keys", "-1",
                "caravan.backup.concurrent", "65",
                "caravan.restore.window", "0",
                "caravan.restore.concurrent-jobs", "0",
                "caravan.restore.queued-jobs", "10001",
                "caravan.destinations.local.retry.attempts", "0",
                "caravan.destinations.local.retry.multiplier", "0.5"))))
                .isInstanceOf(ConfigValidationException.class)
                .satisfies(e -> assertThat(((ConfigValidationException) e).getProblemCount()).isEqualTo(7))
                .hasMessageContaining("caravan.inspect.largest-keys is -1; it must be from 0 to 10000")
                .hasMessageContaining("caravan.backup.concurrent is 65; it must be from 1 to 64")
                .hasMessageContaining("caravan.restore.window is 0; it must be from 1 to 100000")
                .hasMessageContaining("caravan.restore.concurrent-jobs is 0; it must be from 1 to 64")
                .hasMessageContaining("caravan.restore.queued-jobs is 10001; it must be from 1 to 10000")
                .hasMessageContaining("caravan.destinations.local.retry.attempts is 0; it must be from 1 to 100")
                .hasMessageContaining("caravan.destinations.local.retry.multiplier is 0.5; it must be 1 or more");
    }

    @Test
    void anS3PartSizeBelowWhatS3TakesIsRefused() {
        Map<String, String> s3 = Map.of("caravan.destinations.cloud.type", "s3",
                "caravan.destinations.cloud.s3.bucket", "backups");
        Map<String, String> small = new HashMap<>(s3);
        small.put("caravan.destinations.cloud.s3.part-size", "4M");
        assertThatThrownBy(() -> build(with(small)))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("caravan.destinations.cloud.s3.part-size is 4194304 bytes; S3 takes parts of 5M");
        Map<String, String> enough = new HashMap<>(s3);
        enough.put("caravan.destinations.cloud.s3.part-size", "5M");
        assertThat(build(with(enough)).getConfigMapping(CaravanConfig.class).destinations()).containsKey("cloud");
    }

    @Test
    void aBlankSourceUriIsRefusedWithWhatToGive() {
        assertThatThrownBy(() -> build(with(Map.of("caravan.sources.main.uri", " "))))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("caravan.sources.main.uri is empty; give the server as redis://host:port");
    }

    private static Map<String, String> with(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(VALID);
        all.putAll(overrides);
        return all;
    }

    private static SmallRyeConfig build(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(CaravanConfig.class)
                // Quarkus's own spellings of durations ("1s") and sizes ("64M"), as the application reads them.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withCustomizers(new CaravanConfigValidator())
                .build();
    }
}
