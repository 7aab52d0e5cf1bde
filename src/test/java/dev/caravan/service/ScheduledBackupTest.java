package dev.caravan.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.archive.Manifest;
import dev.caravan.archive.ManifestReader;
import dev.caravan.testing.ScheduledSourceResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A source on a cron schedule (every second) with everything reachable ({@link ScheduledSourceResource}). */
@QuarkusTest
@WithTestResource(ScheduledSourceResource.class)
class ScheduledBackupTest {

    @TestHTTPResource("/")
    URL base;

    Http http;

    @BeforeEach
    void client() {
        Http.startCamelUnlessPackaged();
        http = new Http(base);
        http.awaitRoutes();
    }

    @Test
    void theScheduleBacksUpTheSourceAndTheBackupIsListedAndCounted() throws Exception {
        JsonNode listing = Http.await(() -> Http.json(http.get("/api/backups?source=main")),
                l -> !l.path("destinations").get(0).path("backups").isEmpty(), "a scheduled backup to be listed");
        String id = listing.path("destinations").get(0).path("backups").get(0).asText();
        Manifest manifest = ManifestReader.read(Files.readAllBytes(
                ScheduledSourceResource.destination().resolve("main").resolve(id).resolve("manifest.json")));
        assertThat(manifest.source().name()).isEqualTo("main");

        // The scheduled run went through the service's jobs: it has a status and is counted.
        JsonNode status = Http.json(http.get("/api/backups/" + id));
        assertThat(status.path("trigger").asText()).as(status.toString()).isEqualTo("schedule");
        String metrics = http.get("/q/metrics").body();
        assertThat(BackupApiTest.value(metrics, "caravan_backup_total", "outcome=\"success\"", "source=\"main\""))
                .isPositive();
        assertThat(BackupApiTest.value(metrics, "caravan_backup_last_success_timestamp_seconds", "source=\"main\""))
                .isGreaterThanOrEqualTo(manifest.finishedAt().getEpochSecond());
    }

    @Test
    void readinessIsUpWhenTheSourceAndTheDestinationAreReachable() {
        HttpResponse<String> ready = http.get("/q/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonNode check = Http.json(ready).path("checks").get(0);
        assertThat(check.path("status").asText()).isEqualTo("UP");
        assertThat(check.path("data").path("source main").asText()).isEqualTo("UP");
        assertThat(check.path("data").path("destination local").asText()).isEqualTo("UP");
    }
}
