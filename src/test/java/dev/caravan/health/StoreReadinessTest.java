package dev.caravan.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.testing.S3TestResource;
import dev.caravan.testing.SftpTestResource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.core.CamelRuntime;
import org.junit.jupiter.api.Test;

/**
 * Readiness against real stores in the test JVM (S3Proxy, Apache MINA SSHD) and a source that
 * refuses connections: each destination type is probed its own way, and each item that is down
 * says why.
 */
@QuarkusTest
@WithTestResource(S3TestResource.class)
@WithTestResource(SftpTestResource.class)
@TestProfile(StoreReadinessTest.NoRedis.class)
class StoreReadinessTest {

    /** The only source is a port nothing listens on. */
    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("caravan.sources.main.uri", "redis://127.0.0.1:1");
        }
    }

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @Test
    void eachDestinationIsProbedAndWhatIsDownSaysWhy() throws Exception {
        startCamelUnlessPackaged();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(ready.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode data = json(response).path("checks").get(0).path("data");
        // The packaged application answers before it has started Camel; readiness says so until then.
        while (data.has("routes")) {
            Thread.sleep(200);
            response = client.send(HttpRequest.newBuilder(URI.create(ready.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            data = json(response).path("checks").get(0).path("data");
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(data.path("destination " + S3TestResource.DESTINATION).asText()).isEqualTo("UP");
        assertThat(data.path("destination " + SftpTestResource.PASSWORD_DESTINATION).asText()).isEqualTo("UP");
        assertThat(data.path("destination " + SftpTestResource.KEY_DESTINATION).asText()).isEqualTo("UP");
        assertThat(data.path("destination " + SftpTestResource.STRANGER_DESTINATION).asText())
                .startsWith("DOWN: Cannot connect to sftp://caravan@127.0.0.1:").contains("HostKey");
        assertThat(data.path("source main").asText()).startsWith("DOWN: cannot connect to redis://127.0.0.1:1");
        assertThat(response.body()).doesNotContain("pw-");
    }

    /** As in the service tests: a @QuarkusTest does not run CaravanApplication, which starts Camel. */
    private static void startCamelUnlessPackaged() {
        ArcContainer arc = Arc.container();
        if (arc != null && !arc.instance(CamelContext.class).get().isStarted()) {
            arc.instance(CamelRuntime.class).get().start(new String[0]);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return new ObjectMapper().readTree(response.body());
    }
}
