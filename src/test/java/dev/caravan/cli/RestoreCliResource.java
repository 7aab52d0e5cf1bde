package dev.caravan.cli;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Configures the application of {@link RestoreCommandTest} for each launch: source {@code main}
 * is the redis-server the test started (its port handed over in a system property, not under
 * {@code caravan.}, since the test and this resource are loaded by different class loaders), one
 * local destination and the staging folders in a fixed folder the test empties once, so a backup
 * made by one launch is there for the next.
 */
public class RestoreCliResource implements QuarkusTestResourceLifecycleManager {

    static final String PORT = "restore-cli-test.source-port";
    static final Path FOLDER = Path.of("target", "restore-cli-test").toAbsolutePath();

    @Override
    public Map<String, String> start() {
        String port = System.getProperty(PORT, "6399");
        return Map.of(
                "caravan.sources.main.uri", "redis://127.0.0.1:" + port,
                "caravan.destinations.local.path", FOLDER.resolve("backups").toString(),
                "caravan.backup.staging-dir", FOLDER.resolve("backup-staging").toString(),
                "caravan.restore.staging-dir", FOLDER.resolve("restore-staging").toString());
    }

    @Override
    public void stop() {
    }
}
