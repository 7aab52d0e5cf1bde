package dev.caravan.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code redis-server} process on a free loopback port, in a folder of its own.
 *
 * <p>The binary comes from {@code REDIS_SERVER}, else {@code redis-server} on {@code PATH}, else the
 * build for this OS and CPU that the {@code embedded-redis} test artifact ships. Servers are started with the
 * debug command enabled so tests can compare datasets with {@code DEBUG DIGEST}, keep nothing on
 * disk unless asked, and are stopped on {@link #close()} or, at the latest, when the JVM exits.
 */
public final class RedisServerFixture implements AutoCloseable {

    /** The builds inside the embedded-redis artifact, by {@code os.name} and {@code os.arch}. */
    private static final java.util.Map<String, String> EMBEDDED_BINARIES = java.util.Map.of(
            "linux/amd64", "redis-server-6.2.6-v5-linux-amd64",
            "linux/aarch64", "redis-server-6.2.7-linux-arm64",
            "mac/x86_64", "redis-server-6.2.6-v5-darwin-amd64",
            "mac/aarch64", "redis-server-6.2.6-v5-darwin-arm64");
    private static final Set<RedisServerFixture> RUNNING = ConcurrentHashMap.newKeySet();
    private static volatile Path resolvedBinary;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RedisServerFixture::close)));
    }

    private final Path binary;
    private final Path dir;
    private final int port;
    private final Process process;

    private RedisServerFixture(Path binary, Path dir, int port, Process process) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts an empty server in a new temporary folder. */
    public static RedisServerFixture start(String... extraArgs) {
        return start(null, extraArgs);
    }

    /**
     * Starts a server that loads {@code rdb} at start-up (the file is copied into the server's
     * folder as {@code dump.rdb}); {@code null} starts an empty one.
     */
    public static RedisServerFixture start(Path rdb, String... extraArgs) {
        return startUsing(binary(), rdb, extraArgs);
    }

    /** As {@link #start(Path, String...)}, with a given redis-server executable. */
    public static RedisServerFixture startUsing(Path binary, Path rdb, String... extraArgs) {
        try {
            Path dir = Files.createTempDirectory("caravan-redis-");
            if (rdb != null) {
                Files.copy(rdb, dir.resolve("dump.rdb"), StandardCopyOption.REPLACE_EXISTING);
            }
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(binary.toString(),
                    "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--dbfilename", "dump.rdb",
                    "--save", "", "--appendonly", "no", "--daemonize", "no",
                    "--logfile", dir.resolve("redis.log").toString()));
            if (majorVersion(binary) >= 7) {
                command.addAll(List.of("--enable-debug-command", "yes"));
            }
            command.addAll(List.of(extraArgs));
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
            RedisServerFixture server = new RedisServerFixture(binary, dir, port, process);
            RUNNING.add(server);
            server.awaitReady(Duration.ofSeconds(30));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String uri() {
        return "redis://" + host() + ":" + port;
    }

    public Path dir() {
        return dir;
    }

    /** The executable this server runs. */
    public Path executable() {
        return binary;
    }

    /** The server's version, as {@code INFO server} reports it (e.g. {@code 7.0.15}). */
    public String version() {
        return info("server").lines()
                .filter(l -> l.startsWith("redis_version:"))
                .map(l -> l.substring("redis_version:".length()).trim())
                .findFirst().orElseThrow();
    }

    /** The highest RDB version this server loads. */
    public int rdbVersion() {
        return rdbVersionOf(version());
    }

    /** A new connection speaking RESP; the caller closes it. */
    public RespConnection connect() {
        return RespConnection.open(host(), port);
    }

    /** Runs one command on a short-lived connection and returns its decoded reply. */
    public Object call(Object... args) {
        try (RespConnection c = connect()) {
            return c.call(args);
        }
    }

    public String info(String section) {
        return RespConnection.text(call("INFO", section));
    }

    /** {@code DEBUG DIGEST}: one hash of the whole dataset, equal on two servers with equal data. */
    public String digest() {
        return RespConnection.text(call("DEBUG", "DIGEST"));
    }

    public long dbsize(int db) {
        try (RespConnection c = connect()) {
            c.call("SELECT", Integer.toString(db));
            return (Long) c.call("DBSIZE");
        }
    }

    /** Writes the dataset to {@code dump.rdb} in the server's folder with SAVE and returns its path. */
    public Path save() {
        call("SAVE");
        return dir.resolve("dump.rdb");
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!RUNNING.remove(this)) {
            return;
        }
        try {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(dir);
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = log();
                close();
                throw new IllegalStateException("redis-server exited with " + process.exitValue()
                        + " on port " + port + ": " + log);
            }
            try (RespConnection c = RespConnection.open(host(), port)) {
                if ("PONG".equals(c.call("PING"))
                        && RespConnection.text(c.call("INFO", "persistence")).contains("loading:0")) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet, or still loading the RDB
            }
            sleep(20);
        }
        close();
        throw new IllegalStateException("redis-server on port " + port + " not ready within " + timeout);
    }

    /** The binary the fixture uses, resolved once per JVM. */
    public static Path binary() {
        Path binary = resolvedBinary;
        if (binary == null) {
            synchronized (RedisServerFixture.class) {
                if (resolvedBinary == null) {
                    resolvedBinary = resolveBinary();
                }
                binary = resolvedBinary;
            }
        }
        return binary;
    }

    private static Path resolveBinary() {
        String configured = System.getenv("REDIS_SERVER");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException("REDIS_SERVER=" + configured + " is not an executable file");
            }
            return p;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                Path candidate = Path.of(entry, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return extractEmbeddedBinary();
    }

    /** What {@code redis-check-rdb} said of a file. */
    public record CheckResult(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * Runs {@code redis-check-rdb} on a file: from {@code PATH}, else the fixture's redis-server
     * invoked under that name (one binary serves both, chosen by its program name).
     */
    public static CheckResult checkRdb(Path rdb) {
        try {
            Process p = new ProcessBuilder(checkRdbBinary().toString(), rdb.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("redis-check-rdb did not finish on " + rdb);
            }
            return new CheckResult(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path checkRdbBinary() throws IOException {
        Path server = binary();
        Path sibling = server.resolveSibling("redis-check-rdb");
        if (Files.isExecutable(sibling)) {
            return sibling;
        }
        Path link = Files.createTempDirectory("caravan-check-rdb-").resolve("redis-check-rdb");
        Files.createSymbolicLink(link, server.toAbsolutePath());
        link.toFile().deleteOnExit();
        link.getParent().toFile().deleteOnExit();
        return link;
    }

    /** The redis-server for this OS and CPU inside the embedded-redis artifact: the last resort. */
    public static Path extractEmbeddedBinary() {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("mac") ? "mac"
                : System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        String platform = os + "/" + System.getProperty("os.arch");
        String resource = EMBEDDED_BINARIES.get(platform);
        try (InputStream in = resource == null ? null
                : RedisServerFixture.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server found: set REDIS_SERVER or put redis-server on PATH"
                        + (resource == null ? " (the embedded-redis test dependency has no build for " + platform + ")"
                                : ", or keep the embedded-redis test dependency (it ships " + resource + ")"));
            }
            Path target = Files.createTempDirectory("caravan-redis-bin-").resolve("redis-server");
            Files.copy(in, target);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            target.toFile().deleteOnExit();
            target.getParent().toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract " + resource, e);
        }
    }

    /** Major version of a redis-server binary, from {@code redis-server --version}. */
    public static int majorVersion(Path binary) {
        String out = versionString(binary);
        Matcher m = Pattern.compile("v=(\\d+)\\.").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected version output of " + binary + ": " + out);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The highest RDB version a server of that version writes and loads (from Redis's rdb.h). */
    public static int rdbVersionOf(String redisVersion) {
        String[] parts = redisVersion.split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        if (major >= 8 || (major == 7 && minor >= 4)) {
            return 12;
        }
        if (major == 7) {
            return minor >= 2 ? 11 : 10;
        }
        if (major >= 5) {
            return 9;
        }
        return major == 4 ? 8 : 7;
    }

    private static String versionString(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the folder is under the system temp directory
        }
    }
}
