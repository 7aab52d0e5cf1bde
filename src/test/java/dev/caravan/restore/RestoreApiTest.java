package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Files;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.KeyByKey;
import dev.caravan.testing.RedisSourceResource;
import dev.caravan.testing.RestoreTargetResource;
import dev.caravan.testing.S3TestResource;
import dev.caravan.testing.SftpTestResource;

/**
 * {@code POST /api/restores} and {@code GET /api/restores/{id}} over real HTTP: a backup of a
 * seeded redis-server, published to a local folder, S3Proxy and MINA SSHD by the backup route,
 * comes back from each into a fresh redis-server with the source's digest; requests that cannot
 * run are answered at once with their 4xx and change nothing.
 */
@QuarkusTest
@WithTestResource(RedisSourceResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(SftpTestResource.class)
@WithTestResource(RestoreTargetResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreApiTest {

    /** Where the application listens, in this JVM or as the packaged jar. */
    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String backup;

    /** Starts what the test needs of the application; the packaged one runs by itself. */
    protected void startApplication() throws Exception {
        TriggerBackups.startService();
    }

    protected String backUpTheSource() {
        return TriggerBackups.inThisApplication();
    }

    @BeforeAll
    void backUp() throws Exception {
        startApplication();
        backup = backUpTheSource();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", S3TestResource.DESTINATION, SftpTestResource.PASSWORD_DESTINATION})
    void restoresABackupFromEachDestinationIntoAFreshServer(String from) throws Exception {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            HttpResponse<String> posted = post(request(from, target.uri()));

            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            JsonNode accepted = json.readTree(posted.body());
            String id = accepted.get("id").asText();
            assertThat(accepted.get("status").asText()).isEqualTo("/api/restores/" + id);
            assertThat(posted.headers().firstValue("Location")).hasValue("/api/restores/" + id);

            JsonNode status = awaitFinished(id);
            assertThat(status.get("phase").asText()).as(status.toString()).isEqualTo("DONE");
            long keys = RedisSourceResource.dbsize(0) + RedisSourceResource.dbsize(1) + RedisSourceResource.dbsize(5);
            assertThat(status.get("keysRestored").asLong()).isEqualTo(keys);
            assertThat(status.get("keysFailed").asLong()).isZero();
            JsonNode result = status.get("result");
            assertThat(result.get("from").asText()).isEqualTo(from);
            assertThat(result.get("backups").get(0).asText()).isEqualTo(backup);
            assertThat(result.get("checkPassed").asBoolean()).as(result.toString()).isTrue();
            List<String> phases = new ArrayList<>();
            result.get("phaseMillis").fieldNames().forEachRemaining(phases::add);
            assertThat(phases).as(result.toString())
                    .containsExactly("queued", "fetching", "verifying", "loading", "checking");
            long working = 0; // the plan starts the job's millis just before it fetches; queued is before
            for (String phase : phases.subList(1, phases.size())) {
                working += result.get("phaseMillis").get(phase).asLong();
            }
            long millis = result.get("millis").asLong();
            assertThat(working).as("time from fetching to checking against the job's %d ms", millis)
                    .isBetween(millis - 100, millis + 100);
            assertThat(status.toString()).doesNotContain(RedisSourceResource.PASSWORD);

            assertThat(target.digest()).isEqualTo(RedisSourceResource.digest());
            for (int db : new int[] {0, 1, 5}) {
                assertThat(target.dbsize(db)).as("keys in db %d", db).isEqualTo(RedisSourceResource.dbsize(db));
            }
            KeyByKey.assertSame(RedisSourceResource.port(), target.port());
        }
    }

    @Test
    void requestsThatCannotRunAreRefusedAtOnceAndChangeNothing() throws Exception {
        RestoreTargetResource.TargetServer target = RestoreTargetResource.target();
        target.flushAll();
        target.call("SET", "marker", "before");
        String before = target.digest();
        String t = target.uri();

        assertRefused(post("{\"source\": \"main\", \"backup\": "), 400, "INVALID_REQUEST", "not valid JSON");
        assertRefused(post("{\"source\":\"main\",\"backup\":\"" + backup + "\",\"target\":\"" + t
                + "\",\"colour\":\"red\"}"), 400, "INVALID_REQUEST", "unknown field \"colour\"");
        assertRefused(post("{\"source\":\"main\",\"backup\":\"" + backup + "\",\"target\":\"" + t
                + "\",\"mode\":\"flush-first\"}"), 400, "INVALID_REQUEST", "confirm");
        assertRefused(post("{\"source\":\"main\",\"backup\":\"20200101T000000Z-abcd\",\"target\":\"" + t + "\"}"), 404,
                "NOT_FOUND", "20200101T000000Z-abcd");
        assertRefused(post("{\"source\":\"nosuch\",\"backup\":\"latest\",\"target\":\"" + t + "\"}"), 404,
                "NOT_FOUND", "nosuch");
        assertRefused(post("{\"source\":\"main\",\"backup\":\"" + backup + "\",\"from\":\"nowhere\",\"target\":\"" + t
                + "\"}"), 404, "NOT_FOUND", "nowhere");
        assertRefused(post("{\"source\":\"main\",\"backup\":\"" + backup + "\",\"target\":\"http://example.com\"}"),
                400, "INVALID_REQUEST", "redis://");
        Path outside = Files.createTempDirectory("caravan-api-file").resolve("users.rdb");
        assertRefused(post("{\"source\":\"main\",\"backup\":\"" + backup + "\",\"target\":\"file:" + outside + "\"}"),
                400, "INVALID_REQUEST", "caravan.restore.file-dir");
        assertThat(outside).doesNotExist();

        assertThat(target.digest()).isEqualTo(before);
    }

    @Test
    void aSecondRestoreIntoABusyTargetIsRefusedWith409() throws Exception {
        try (RedisServerFixture target = RedisServerFixture.start()) {
            // The first restore waits on the paused server (its probe is held), so it is still
            // running when the second request comes.
            target.call("CLIENT", "PAUSE", "5000");
            HttpResponse<String> first = post(request("local", target.uri()));
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);

            assertRefused(post(request(S3TestResource.DESTINATION, target.uri())), 409, "CONFLICT", "already");

            JsonNode status = awaitFinished(json.readTree(first.body()).get("id").asText());
            assertThat(status.get("phase").asText()).as(status.toString()).isEqualTo("DONE");
            assertThat(target.digest()).isEqualTo(RedisSourceResource.digest());
        }
    }

    @Test
    void anUnknownJobIs404AndAnIdIsNeverAPath() throws Exception {
        HttpResponse<String> unknown = get("/api/restores/00000000-0000-0000-0000-000000000000");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("error").asText()).isEqualTo("NOT_FOUND");
        for (String odd : new String[] {"..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e", "a%00b", "pom.xml"}) {
            HttpResponse<String> response = get("/api/restores/" + odd);
            assertThat(response.statusCode()).as(odd).isIn(400, 404);
            assertThat(response.body()).as(odd).doesNotContain("root:").doesNotContain("<project");
        }
    }

    private String request(String from, String target) {
        return "{\"source\":\"main\",\"backup\":\"" + backup + "\",\"from\":\"" + from + "\",\"target\":\"" + target
                + "\"}";
    }

    private void assertRefused(HttpResponse<String> response, int status, String error, String inMessage)
            throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("message").asText()).contains(inMessage);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    private JsonNode awaitFinished(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            HttpResponse<String> response = get("/api/restores/" + id);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode status = json.readTree(response.body());
            String phase = status.get("phase").asText();
            if (phase.equals("DONE") || phase.equals("FAILED") || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(200);
        }
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/restores")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }
}
