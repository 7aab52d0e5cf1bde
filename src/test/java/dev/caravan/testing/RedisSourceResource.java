package dev.caravan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The Redis side of the backup tests: one real redis-server seeded with every type and a few MB,
 * an ACL user for Caravan, and a proxy that flips a byte of what it sends. It configures three
 * sources of the same data ({@code main}, {@code wrongpw} with a wrong password, {@code corrupt}
 * through the proxy), a local destination and staging folder under {@code target/backup-test}, and
 * a second local destination, {@code broken}, whose folder is a regular file, so every publish
 * there fails; the policy is {@code any}.
 *
 * <p>A {@code @QuarkusMainTest} starts its resources for each launch and stops them after it, so
 * the folder is fixed (emptied at each start, kept after, for the test to look at), and what the
 * test compares with (digest, keys per db) is recorded at start in system properties (not under
 * {@code caravan.}, which the application would refuse): the resource and the test class are
 * loaded by different class loaders, so a static field would not be shared.
 */
public class RedisSourceResource implements QuarkusTestResourceLifecycleManager {

    /** The ACL user's password: must never appear in output, logs or manifests. */
    public static final String PASSWORD = "s3cret-Caravan";
    public static final String WRONG_PASSWORD = "n0t-the-password";

    private static final Path FOLDER = Path.of("target", "backup-test").toAbsolutePath();
    private static final String DIGEST = "backup-test.digest";
    private static final String DBSIZE = "backup-test.dbsize.";
    private static final String PORT = "backup-test.port";

    private RedisServerFixture server;
    private FlippingProxy proxy;

    @Override
    public Map<String, String> start() {
        try {
            RedisServerFixture.deleteTree(FOLDER);
            Files.createDirectories(FOLDER);
            Files.writeString(FOLDER.resolve("not-a-folder"), "a file where a folder should be");
            server = RedisServerFixture.start("--repl-diskless-sync-delay", "0");
            Datasets.seedEveryType(server);
            Datasets.seedBulk(server, 50_000, 3_000_000);
            server.call("ACL", "SETUSER", "caravan", "on", ">" + PASSWORD, "~*", "&*", "+@all");
            // Well past the replication handshake: the flipped byte lands inside the RDB payload.
            proxy = new FlippingProxy(server.port(), 1_000_000);
            System.setProperty(DIGEST, server.digest());
            System.setProperty(PORT, Integer.toString(server.port()));
            for (int db : new int[] {0, 1, 5}) {
                System.setProperty(DBSIZE + db, Long.toString(server.dbsize(db)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String host = "127.0.0.1:";
        return Map.of(
                "caravan.destinations.broken.type", "local",
                "caravan.destinations.broken.path", FOLDER.resolve("not-a-folder").toString(),
                "caravan.backup.policy", "any",
                "caravan.sources.main.uri", "redis://caravan:" + PASSWORD + "@" + host + server.port(),
                "caravan.sources.wrongpw.uri", "redis://caravan:" + WRONG_PASSWORD + "@" + host + server.port(),
                "caravan.sources.corrupt.uri", "redis://caravan:" + PASSWORD + "@" + host + proxy.port(),
                "caravan.destinations.local.path", destination().toString(),
                "caravan.backup.staging-dir", staging().toString(),
                "caravan.destinations.broken.retry.delay", "50ms");
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } catch (IOException ignored) {
            // test teardown
        }
        if (server != null) {
            server.close();
        }
    }

    /** The port of the seeded redis-server, for resources that add sources in front of it. */
    protected int serverPort() {
        return server.port();
    }

    /** The seeded server's port on 127.0.0.1 (its default user needs no password), to compare keys with. */
    public static int port() {
        return Integer.parseInt(System.getProperty(PORT));
    }

    /** The source's {@code DEBUG DIGEST} when the resource started. */
    public static String digest() {
        return System.getProperty(DIGEST);
    }

    /** Keys in {@code db} (0, 1 or 5) of the source when the resource started. */
    public static long dbsize(int db) {
        return Long.parseLong(System.getProperty(DBSIZE + db));
    }

    public static Path destination() {
        return FOLDER.resolve("backups");
    }

    public static Path staging() {
        return FOLDER.resolve("staging");
    }
}
