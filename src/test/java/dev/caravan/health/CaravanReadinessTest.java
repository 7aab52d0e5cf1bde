package dev.caravan.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.caravan.testing.TestSettings;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readiness check on its own, with a real CamelContext, real folders and sources nothing listens on. */
class CaravanReadinessTest {

    @TempDir
    Path tmp;

    @Test
    void downWhileCamelIsNotStartedAndTheAnswerIsCachedForAFewSeconds() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            CaravanReadiness readiness = new CaravanReadiness(TestSettings.of(Map.of(
                    "caravan.destinations.local.path", tmp.resolve("not-yet").resolve("backups").toString(),
                    "caravan.destinations.file.type", "local",
                    "caravan.destinations.file.path", file.toString())), camel);
            HealthCheckResponse early = readiness.call();
            assertThat(early.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(early.getData().orElseThrow()).containsOnly(Map.entry("routes", "DOWN: Camel is not started yet"));

            camel.start();
            // Within the cache's few seconds, a probe gets the same answer without probing again.
            assertThat(readiness.call()).isSameAs(early);
        }
    }

    @Test
    void eachSourceAndDestinationIsReportedWithItsReason() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            CaravanReadiness readiness = new CaravanReadiness(TestSettings.of(Map.of(
                    "caravan.destinations.local.path", tmp.resolve("not-yet").resolve("backups").toString(),
                    "caravan.destinations.file.type", "local",
                    "caravan.destinations.file.path", file.toString())), camel);
            HealthCheckResponse response = readiness.call();

            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            Map<String, Object> data = response.getData().orElseThrow();
            assertThat(data.keySet()).containsExactly("source cache", "source main", "destination file",
                    "destination local");
            assertThat((String) data.get("source main")).startsWith("DOWN: cannot connect to redis://127.0.0.1:1");
            // A folder that does not exist yet is fine when it can be created under a writable one.
            assertThat(data.get("destination local")).isEqualTo("UP");
            assertThat(data.get("destination file")).isEqualTo("DOWN: " + file + " is not a folder");
        }
    }
}
