package dev.caravan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The Redis side of the restore trigger tests: an empty real redis-server that is
 * {@code caravan.restore.default-target}, and with the init argument {@code inbox=true} the inbox
 * folder {@code target/restore-inbox-test/inbox} (emptied at start).
 *
 * <p>The target's port is recorded in a system property (not under {@code caravan.}), so that the
 * test, in whichever class loader or JVM mode it runs, can reach it through {@link #target()}.
 */
public class RestoreTargetResource implements QuarkusTestResourceLifecycleManager {

    private static final Path FOLDER = Path.of("target", "restore-inbox-test").toAbsolutePath();
    private static final String PORT = "restore-test.target-port";

    private RedisServerFixture target;
    private boolean inbox;

    @Override
    public void init(Map<String, String> initArgs) {
        inbox = Boolean.parseBoolean(initArgs.getOrDefault("inbox", "false"));
    }

    @Override
    public Map<String, String> start() {
        target = RedisServerFixture.start();
        System.setProperty(PORT, Integer.toString(target.port()));
        Map<String, String> config = new HashMap<>();
        config.put("caravan.restore.default-target", target.uri());
        if (inbox) {
            try {
                RedisServerFixture.deleteTree(FOLDER);
                Files.createDirectories(inbox());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            config.put("caravan.restore.inbox", inbox().toString());
            config.put("caravan.restore.inbox-interval", "200ms");
        }
        return config;
    }

    @Override
    public void stop() {
        if (target != null) {
            target.close();
        }
    }

    /** The default target, as a connection-per-call client. */
    public static TargetServer target() {
        return new TargetServer(Integer.parseInt(System.getProperty(PORT)));
    }

    public static Path inbox() {
        return FOLDER.resolve("inbox");
    }


    /** A redis-server known by its port only (started elsewhere): what the tests ask of a target. */
    public record TargetServer(int port) {

        public String uri() {
            return "redis://127.0.0.1:" + port;
        }

        public Object call(Object... args) {
            try (RespConnection c = RespConnection.open("127.0.0.1", port)) {
                return c.call(args);
            }
        }

        public String digest() {
            return RespConnection.text(call("DEBUG", "DIGEST"));
        }

        public long dbsize(int db) {
            try (RespConnection c = RespConnection.open("127.0.0.1", port)) {
                c.call("SELECT", Integer.toString(db));
                return (Long) c.call("DBSIZE");
            }
        }

        public void flushAll() {
            call("FLUSHALL");
        }
    }
}
