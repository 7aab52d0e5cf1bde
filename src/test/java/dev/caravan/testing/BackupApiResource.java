package dev.caravan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link RedisSourceResource}'s sources and destinations, plus a source {@code slow} whose
 * snapshot stops after its first MB until the test calls {@link #release()}
 * ({@link HoldingProxy}): a backup that is deterministically still running. Its destinations and
 * staging are under {@code target/backup-api-test}.
 */
public class BackupApiResource extends RedisSourceResource {

    private static final Path FOLDER = Path.of("target", "backup-api-test").toAbsolutePath();
    private static final Path RELEASE = FOLDER.resolve("release");

    private HoldingProxy slow;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try {
            RedisServerFixture.deleteTree(FOLDER);
            Files.createDirectories(FOLDER);
            Files.writeString(FOLDER.resolve("not-a-folder"), "a file where a folder should be");
            slow = new HoldingProxy(serverPort(), 1_000_000, RELEASE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Its own folders: BackupCommandTest watches RedisSourceResource's while a launch empties them.
        config.put("caravan.destinations.local.path", destination().toString());
        config.put("caravan.destinations.broken.path", FOLDER.resolve("not-a-folder").toString());
        config.put("caravan.backup.staging-dir", FOLDER.resolve("staging").toString());
        config.put("caravan.sources.slow.uri", "redis://caravan:" + PASSWORD + "@127.0.0.1:" + slow.port());
        return config;
    }

    @Override
    public void stop() {
        try {
            if (slow != null) {
                slow.close();
            }
        } catch (IOException ignored) {
            // test teardown
        }
        super.stop();
    }

    public static Path destination() {
        return FOLDER.resolve("backups");
    }

    /** Lets the {@code slow} source's snapshots through. */
    public static void release() {
        HoldingProxy.release(RELEASE);
    }
}
