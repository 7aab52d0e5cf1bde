package dev.caravan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One reachable redis-server seeded with every type as the only source, {@code main}, backed up
 * every second ({@code caravan.sources.main.schedule}) into a local folder under
 * {@code target/schedule-test}: everything the service depends on is up.
 */
public class ScheduledSourceResource implements QuarkusTestResourceLifecycleManager {

    private static final Path FOLDER = Path.of("target", "schedule-test").toAbsolutePath();

    private RedisServerFixture server;

    @Override
    public Map<String, String> start() {
        try {
            RedisServerFixture.deleteTree(FOLDER);
            Files.createDirectories(FOLDER);
            server = RedisServerFixture.start("--repl-diskless-sync-delay", "0");
            Datasets.seedEveryType(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "caravan.sources.main.uri", "redis://127.0.0.1:" + server.port(),
                "caravan.sources.main.schedule", "* * * * * ?",
                "caravan.destinations.local.path", destination().toString(),
                "caravan.backup.staging-dir", FOLDER.resolve("staging").toString());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    public static Path destination() {
        return FOLDER.resolve("backups");
    }
}
