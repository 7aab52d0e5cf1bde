package dev.caravan.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.S3TestResource;

/**
 * The source side of the restore tests: a real redis-server seeded with every type in dbs 0, 1
 * and 5 (some keys with TTLs), configured as source {@code main} with a password; a local
 * destination and the backup and restore staging folders under {@code target/restore-test}.
 * The backup policy is {@code any}, so a backup stands while one destination (the SFTP server
 * whose host key is unknown) refuses it. Caravan logs in as an ACL user with a password; the
 * fixture's own calls use the default user.
 */
public class RestoreTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String PASSWORD = "s3cret-Restore";
    private static final Path FOLDER = Path.of("target", "restore-test").toAbsolutePath();
    private static volatile RedisServerFixture source;

    private RedisServerFixture server;

    @Override
    public Map<String, String> start() {
        try {
            if (Files.exists(FOLDER)) {
                S3TestResource.deleteTree(FOLDER);
            }
            Files.createDirectories(FOLDER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = RedisServerFixture.start("--repl-diskless-sync-delay", "0");
        Datasets.seedEveryType(server);
        server.call("ACL", "SETUSER", "caravan", "on", ">" + PASSWORD, "~*", "&*", "+@all");
        source = server;
        return Map.of(
                "caravan.sources.main.uri", "redis://caravan:" + PASSWORD + "@127.0.0.1:" + server.port(),
                "caravan.destinations.local.path", destination().toString(),
                "caravan.backup.staging-dir", FOLDER.resolve("backup-staging").toString(),
                "caravan.restore.staging-dir", staging().toString(),
                "caravan.backup.policy", "any");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The seeded source server (the test may change it, then back it up again). */
    public static RedisServerFixture source() {
        return source;
    }

    public static Path destination() {
        return FOLDER.resolve("backups");
    }

    public static Path staging() {
        return FOLDER.resolve("restore-staging");
    }
}
