package dev.caravan.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.archive.Manifest;
import dev.caravan.archive.ManifestFile;
import dev.caravan.archive.ManifestReader;
import dev.caravan.testing.BackupApiResource;
import dev.caravan.testing.RedisSourceResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /api/backups, the metrics and the readiness of the running service against a real redis-server
 * ({@link BackupApiResource}): sources {@code main}, {@code wrongpw} (a wrong password),
 * {@code corrupt} and {@code slow} (held after its first MB until the test releases it); a local
 * destination and {@code broken}, whose folder is a file; policy {@code any}.
 */
@QuarkusTest
@WithTestResource(BackupApiResource.class)
class BackupApiTest {

    private static final Pattern ID = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{4}");

    @TestHTTPResource("/")
    URL base;

    Http http;

    @BeforeEach
    void client() {
        Http.startCamelUnlessPackaged();
        http = new Http(base);
        http.awaitRoutes();
    }

    /** POSTs a backup of {@code body}'s source, checks the 202, and returns the id. */
    private String trigger(String body) {
        HttpResponse<String> accepted = http.post("/api/backups", body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode json = Http.json(accepted);
        String id = json.path("id").asText();
        assertThat(id).matches(ID);
        assertThat(json.path("status").asText()).isEqualTo("/api/backups/" + id);
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/backups/" + id);
        return id;
    }

    @Test
    void aBackupRunsInTheBackgroundAndItsStatusShowsEachCopyAndTheManifest() throws Exception {
        String id = trigger("{\"source\": \"main\"}");
        JsonNode status = http.awaitEnd(id);

        assertThat(status.path("phase").asText()).as(status.toString()).isEqualTo("DONE");
        assertThat(status.path("source").asText()).isEqualTo("main");
        assertThat(status.path("trigger").asText()).isEqualTo("api");
        assertThat(status.path("policy").asText()).isEqualTo("any");
        assertThat(status.path("policyMet").asBoolean()).isTrue();
        Path folder = BackupApiResource.destination().resolve("main").resolve(id);
        Manifest manifest = ManifestReader.read(Files.readAllBytes(folder.resolve("manifest.json")));
        ManifestFile file = manifest.files().get(0);
        assertThat(manifest.id().toString()).isEqualTo(id);
        assertThat(Files.size(folder.resolve(file.file()))).isEqualTo(file.size());
        assertThat(status.path("bytes").asLong()).isEqualTo(file.rdbSize());

        JsonNode copies = status.path("destinations");
        assertThat(copies).hasSize(2);
        JsonNode broken = copies.get(0);
        assertThat(broken.path("destination").asText()).isEqualTo("broken");
        assertThat(broken.path("ok").asBoolean()).isFalse();
        assertThat(broken.path("attempts").asInt()).isEqualTo(3);
        assertThat(broken.path("error").asText()).contains("not-a-folder");
        JsonNode local = copies.get(1);
        assertThat(local.path("destination").asText()).isEqualTo("local");
        assertThat(local.path("ok").asBoolean()).isTrue();
        assertThat(local.path("location").asText()).isEqualTo(folder.toString());

        JsonNode summary = status.path("manifest");
        assertThat(summary.path("rdbBytes").asLong()).isEqualTo(file.rdbSize());
        assertThat(summary.path("archiveBytes").asLong()).isEqualTo(file.size());
        assertThat(summary.path("codec").asText()).isEqualTo("zstd");
        for (int db : new int[] {0, 1, 5}) {
            assertThat(summary.path("keysPerDb").path(Integer.toString(db)).asLong()).as("keys in db %d", db)
                    .isEqualTo(RedisSourceResource.dbsize(db));
        }
        assertThat(status.toString()).doesNotContain(RedisSourceResource.PASSWORD);

        JsonNode listing = Http.json(http.get("/api/backups?source=main"));
        assertThat(listing.path("destinations").get(1).path("destination").asText()).isEqualTo("local");
        assertThat(listing.path("destinations").get(1).path("backups").toString()).contains(id);
    }

    @Test
    void noBodyBacksUpMain() {
        String id = trigger(null);
        JsonNode status = http.awaitEnd(id);
        assertThat(status.path("source").asText()).isEqualTo("main");
        assertThat(status.path("phase").asText()).as(status.toString()).isEqualTo("DONE");
    }

    @Test
    void aSecondTriggerWhileTheSourceIsBackedUpIsAConflictNamingTheRunningBackup() {
        String id = trigger("{\"source\": \"slow\"}");
        // The proxy holds the snapshot after its first MB: the backup is pulling, and stays so.
        JsonNode pulling = Http.await(() -> Http.json(http.get("/api/backups/" + id)),
                s -> s.path("phase").asText().equals("PULLING") && s.path("bytes").asLong() > 0,
                "the slow backup to be pulling");
        assertThat(pulling.path("bytes").asLong()).isLessThanOrEqualTo(1_000_000);

        HttpResponse<String> conflict = http.post("/api/backups", "{\"source\": \"slow\"}");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(Http.json(conflict).path("error").asText())
                .contains("a backup of source 'slow' is already running (backup " + id + ", started ");

        BackupApiResource.release();
        JsonNode done = http.awaitEnd(id);
        assertThat(done.path("phase").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.path("bytes").asLong()).isGreaterThan(1_000_000)
                .isEqualTo(done.path("manifest").path("rdbBytes").asLong());
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        HttpResponse<String> unknown = http.post("/api/backups", "{\"source\": \"nope\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown).path("error").asText()).contains("no source 'nope'")
                .contains("corrupt, main, slow, wrongpw");

        HttpResponse<String> malformed = http.post("/api/backups", "{\"source\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(Http.json(malformed).path("error").asText()).contains("not the JSON {\"source\": \"<name>\"}");

        HttpResponse<String> extra = http.post("/api/backups", "{\"source\": \"main\", \"when\": \"now\"}");
        assertThat(extra.statusCode()).isEqualTo(400);
        assertThat(Http.json(extra).path("error").asText()).contains("unknown field 'when'");

        HttpResponse<String> form = http.post("/api/backups", "{\"source\": \"main\"}",
                "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(Http.json(form).path("error").asText()).contains("Content-Type: application/json")
                .contains("it was application/x-www-form-urlencoded");

        HttpResponse<String> notAnId = http.get("/api/backups/..%2Fetc");
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(Http.json(notAnId).path("error").asText()).contains("does not have the form");

        HttpResponse<String> never = http.get("/api/backups/20200101T000000Z-abcd");
        assertThat(never.statusCode()).isEqualTo(404);
        assertThat(Http.json(never).path("error").asText()).contains("no backup 20200101T000000Z-abcd");
    }

    @Test
    void metricsCountSuccessesAndFailuresAndKeepTheLastSuccessfulBackupsTime() {
        JsonNode ok = http.awaitEnd(trigger("{\"source\": \"main\"}"));
        assertThat(ok.path("phase").asText()).isEqualTo("DONE");
        JsonNode failed = http.awaitEnd(trigger("{\"source\": \"wrongpw\"}"));
        assertThat(failed.path("phase").asText()).isEqualTo("FAILED");
        assertThat(failed.path("error").asText()).contains("authentication as user 'caravan' failed")
                .doesNotContain(RedisSourceResource.WRONG_PASSWORD);

        String metrics = http.get("/q/metrics").body();
        assertThat(value(metrics, "caravan_backup_total", "outcome=\"success\"", "source=\"main\"")).isPositive();
        assertThat(value(metrics, "caravan_backup_total", "outcome=\"error\"", "source=\"wrongpw\"")).isPositive();
        assertThat(value(metrics, "caravan_backup_copies_total", "destination=\"local\"", "outcome=\"ok\"",
                "source=\"main\"")).isPositive();
        assertThat(value(metrics, "caravan_backup_copies_total", "destination=\"broken\"", "outcome=\"failed\"",
                "source=\"main\"")).isPositive();
        assertThat(value(metrics, "caravan_backup_duration_seconds_count", "outcome=\"success\"", "source=\"main\""))
                .isPositive();
        assertThat(value(metrics, "caravan_backup_last_rdb_bytes", "source=\"main\""))
                .isEqualTo(ok.path("manifest").path("rdbBytes").asDouble());
        double lastSuccess = value(metrics, "caravan_backup_last_success_timestamp_seconds", "source=\"main\"");
        assertThat(lastSuccess).isGreaterThanOrEqualTo(
                java.time.Instant.parse(ok.path("finishedAt").asText()).getEpochSecond() - 1.0);
        assertThat(metrics).doesNotContain("caravan_backup_last_success_timestamp_seconds{source=\"wrongpw\"");
    }

    @Test
    void readinessIsDownNamingTheSourceAndTheDestinationThatAreNotUsable() {
        HttpResponse<String> ready = http.get("/q/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        JsonNode check = Http.json(ready).path("checks").get(0);
        assertThat(check.path("name").asText()).isEqualTo("caravan");
        assertThat(check.path("status").asText()).isEqualTo("DOWN");
        JsonNode data = check.path("data");
        assertThat(data.path("source main").asText()).isEqualTo("UP");
        assertThat(data.path("source slow").asText()).isEqualTo("UP");
        assertThat(data.path("source wrongpw").asText()).startsWith("DOWN: authentication as user 'caravan' failed");
        assertThat(data.path("destination local").asText()).isEqualTo("UP");
        assertThat(data.path("destination broken").asText()).startsWith("DOWN: ").contains("not-a-folder");
        assertThat(ready.body()).doesNotContain(RedisSourceResource.PASSWORD)
                .doesNotContain(RedisSourceResource.WRONG_PASSWORD);
    }

    /** The value of the one sample of {@code name} whose labels include all {@code labels}. */
    static double value(String metrics, String name, String... labels) {
        List<Double> found = new ArrayList<>();
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        while (line.find()) {
            String got = line.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= got.contains(label);
            }
            if (all) {
                found.add(Double.parseDouble(line.group(2)));
            }
        }
        assertThat(found).as("%s%s in%n%s", name, List.of(labels), metrics.lines()
                .filter(l -> l.startsWith("caravan_")).toList()).hasSize(1);
        return found.get(0);
    }
}
