package dev.caravan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Backups to three destinations of which one or two are down, under a chosen policy: with
 * {@link S3TestResource} (the healthy {@code s3}), a real redis-server as the source {@code main},
 * a local destination {@code local}, and an SFTP destination {@code remote} on a port where no
 * server listens. With two down, {@code local}'s folder is a regular file, so it fails too.
 *
 * <p>The test chooses the policy and how many destinations are down before each launch, through
 * the system properties {@value #POLICY} and {@value #DOWN} (not under {@code caravan.}): a
 * {@code @QuarkusMainTest} starts its resources at each launch, in the test's JVM.
 */
public class DestinationDownResource implements QuarkusTestResourceLifecycleManager {

    public static final String POLICY = "destination-down.policy";
    public static final String DOWN = "destination-down.count";

    private static final Path FOLDER = Path.of("target", "destination-down-test").toAbsolutePath();

    private RedisServerFixture server;

    @Override
    public Map<String, String> start() {
        String policy = System.getProperty(POLICY, "all");
        int down = Integer.parseInt(System.getProperty(DOWN, "1"));
        int deadPort;
        try {
            RedisServerFixture.deleteTree(FOLDER);
            Files.createDirectories(FOLDER);
            Files.writeString(FOLDER.resolve("not-a-folder"), "a file where a folder should be");
            Files.writeString(FOLDER.resolve("known_hosts"), "");
            try (ServerSocket s = new ServerSocket(0)) {
                deadPort = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = RedisServerFixture.start("--repl-diskless-sync-delay", "0");
        Datasets.seedEveryType(server);
        Map<String, String> config = new HashMap<>(Map.of(
                "caravan.sources.main.uri", server.uri(),
                "caravan.backup.policy", policy,
                "caravan.backup.staging-dir", FOLDER.resolve("staging").toString(),
                "caravan.destinations.local.path", down >= 2 ? FOLDER.resolve("not-a-folder").toString()
                        : backups().toString(),
                "caravan.destinations.local.retry.delay", "50ms",
                "caravan.destinations.remote.type", "sftp",
                "caravan.destinations.remote.sftp.host", "127.0.0.1",
                "caravan.destinations.remote.sftp.port", Integer.toString(deadPort),
                "caravan.destinations.remote.sftp.username", "caravan"));
        config.put("caravan.destinations.remote.sftp.password", "not-used");
        config.put("caravan.destinations.remote.sftp.known-hosts-file", FOLDER.resolve("known_hosts").toString());
        config.put("caravan.destinations.remote.retry.delay", "50ms");
        // S3TestResource sets these for the test's JVM; a packaged jar (the IT) gets them from here,
        // as system properties of its own: S3Proxy does not decode the SDK's default CRC32 trailers.
        config.put("aws.requestChecksumCalculation", "when_required");
        config.put("aws.responseChecksumValidation", "when_required");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The healthy local destination's folder (kept after the launch for the test to look at). */
    public static Path backups() {
        return FOLDER.resolve("backups");
    }
}
