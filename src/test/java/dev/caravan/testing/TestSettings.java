package dev.caravan.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.caravan.backup.BackupSettings;
import dev.caravan.config.CaravanConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The real typed configuration and its start-up checks, built from properties as the application builds them. */
public final class TestSettings {

    private TestSettings() {
    }

    /** Sources {@code main} and {@code cache} on ports nothing listens on, and a local destination; plus {@code more}. */
    public static BackupSettings of(Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "caravan.sources.main.uri", "redis://127.0.0.1:1",
                "caravan.sources.cache.uri", "redis://127.0.0.1:2",
                "caravan.destinations.local.type", "local",
                "caravan.destinations.local.path", "target/settings-test/backups"));
        properties.putAll(more);
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().addSystemSources()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(CaravanConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return new BackupSettings(config.getConfigMapping(CaravanConfig.class));
    }
}
