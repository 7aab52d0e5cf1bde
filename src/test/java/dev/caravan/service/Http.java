package dev.caravan.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.core.CamelRuntime;

/** The service's HTTP side as a client sees it, for the tests that run the application. */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI base;

    Http(URL base) {
        this.base = URI.create(base.toString());
    }

    /**
     * A {@code @QuarkusTest} does not run CaravanApplication, which starts Camel (and with it the
     * routes and the REST endpoints); the packaged application (the {@code *IT}) does, and there
     * is no CDI container in the test's JVM then.
     */
    static void startCamelUnlessPackaged() {
        ArcContainer arc = Arc.container();
        if (arc != null && !arc.instance(CamelContext.class).get().isStarted()) {
            arc.instance(CamelRuntime.class).get().start(new String[0]);
        }
    }

    /**
     * Waits until the routes (and the REST endpoints) are up: the packaged application's HTTP
     * server answers before CaravanApplication has started Camel, and readiness says so.
     */
    void awaitRoutes() {
        await(() -> get("/q/health/ready").body(), b -> !b.contains("Camel is not started yet"), "Camel to start");
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    HttpResponse<String> post(String path, String body) {
        return post(path, body, "application/json");
    }

    HttpResponse<String> post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** The backup's status once it has ended (DONE or FAILED). */
    JsonNode awaitEnd(String id) {
        return await(() -> json(get("/api/backups/" + id)),
                s -> s.path("phase").asText().equals("DONE") || s.path("phase").asText().equals("FAILED"),
                "backup " + id + " to end");
    }

    /** Polls {@code value} until {@code done} holds; fails (with the last value) if it does not within a generous wait. */
    static <T> T await(Supplier<T> value, Predicate<T> done, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + "; last: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = value.get();
        }
        return last;
    }
}
