package dev.caravan.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;

/**
 * The README's first command, {@code ./mvnw -B -q package -DskipTests -Pdemo}: the packaged jar
 * runs {@code backup --once} on its embedded defaults (the Redis on {@code localhost:6379}, into
 * {@code ./backups}). When nothing answers there, a throwaway {@code redis-server} on a free port,
 * seeded with {@code samples/redis-7.0-sample.redis}, stands in for it and is stopped afterwards.
 *
 * <p>This lives in the test sources and runs only through the {@code demo} Maven profile, so the
 * product never carries a redis-server binary nor starts one: a service whose Redis is down fails,
 * it does not back up a toy. The binary comes from {@code REDIS_SERVER}, {@code PATH}, or the
 * {@code embedded-redis} test artifact, as for the tests, so a machine with only a JDK runs it.
 */
public final class Demo {

    /** Where the embedded default source, {@code redis://localhost:6379}, points. */
    static final InetSocketAddress DEFAULT_SOURCE = new InetSocketAddress("localhost", 6379);
    static final String SOURCE_ENV = "CARAVAN_SOURCES_MAIN_URI";
    static final Path SEED = Path.of("samples", "redis-7.0-sample.redis");

    private static final Pattern LOCAL_COPY = Pattern.compile("^  OK    local: (.+) \\(\\d+ attempts?\\)$",
            Pattern.MULTILINE);

    /**
     * @param probe       the address to try; {@code null} when the user configured a source, which
     *                    is then backed up as it is (a source someone named is never swapped for a toy)
     * @param redisServer the redis-server executable for the throwaway server
     * @param workDir     the checkout: the jar is under {@code target/}, backups land under it
     * @param env         environment for the application beyond this process's own
     * @param out         where the application's output and the demo's notes go
     */
    public record Options(InetSocketAddress probe, Path redisServer, Path workDir, Map<String, String> env,
            PrintStream out) {
    }

    /**
     * @param exitCode  the exit status of {@code backup --once}
     * @param output    what it printed (stdout and stderr)
     * @param throwaway whether a throwaway server stood in for the default source
     * @param backup    the backup's folder at the local destination, when a copy landed there
     */
    public record Outcome(int exitCode, String output, boolean throwaway, Path backup) {
    }

    private Demo() {
    }

    /** {@code args[0]}: the checkout (the demo profile passes {@code ${project.basedir}}). */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path workDir = Path.of(args.length > 0 ? args[0] : "").toAbsolutePath();
        InetSocketAddress probe = System.getenv(SOURCE_ENV) == null ? DEFAULT_SOURCE : null;
        Outcome outcome = run(new Options(probe, null, workDir, Map.of(), System.out));
        if (outcome.exitCode() != 0) {
            // Fails the Maven build, after the command's own explanation.
            throw new IllegalStateException("caravan backup --once exited with " + outcome.exitCode());
        }
    }

    public static Outcome run(Options options) throws IOException, InterruptedException {
        if (options.probe() == null) {
            options.out().println("demo: backing up the configured source (" + SOURCE_ENV + ")");
            return backup(options, options.env(), false);
        }
        try {
            return probeAndBackUp(options);
        } finally {
            options.out().println("demo: to back up another Redis, set " + SOURCE_ENV + "=redis://[user:password@]host:port"
                    + " and run java -jar target/caravan-runner.jar backup --once");
        }
    }

    private static Outcome probeAndBackUp(Options options) throws IOException, InterruptedException {
        PrintStream out = options.out();
        Map<String, String> env = new HashMap<>(options.env());
        String where = options.probe().getHostString() + ":" + options.probe().getPort();
        if (answersAsRedis(options.probe())) {
            out.println("demo: a Redis answers on " + where + ": backing it up");
            env.putIfAbsent(SOURCE_ENV, "redis://" + where);
            return backup(options, env, false);
        }
        Path binary = options.redisServer() != null ? options.redisServer() : RedisServerFixture.binary();
        try (RedisServerFixture server = RedisServerFixture.startUsing(binary, null,
                // a replica's snapshot then starts at once, not after Redis's default 5 s wait
                "--repl-diskless-sync-delay", "0")) {
            int commands = seed(server, options.workDir().resolve(SEED));
            out.println("demo: nothing answers on " + where + ", so a throwaway redis-server " + server.version()
                    + " (" + binary + ") stands in on " + server.host() + ":" + server.port() + ", seeded by the "
                    + commands + " commands of " + SEED + "; it is stopped afterwards");
            env.put(SOURCE_ENV, server.uri());
            return backup(options, env, true);
        }
    }

    private static Outcome backup(Options options, Map<String, String> env, boolean throwaway)
            throws IOException, InterruptedException {
        Path jar = options.workDir().resolve(Path.of("target", "caravan-runner.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -B package -DskipTests)");
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "backup", "--once")
                .directory(options.workDir().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                options.out().println(line);
                output.append(line).append('\n');
            }
        }
        int exit = process.waitFor();
        Matcher copy = LOCAL_COPY.matcher(output);
        Path folder = copy.find() ? Path.of(copy.group(1)) : null;
        if (folder != null) {
            describe(folder, options.out());
        }
        return new Outcome(exit, output.toString(), throwaway, folder);
    }

    /** What a person finds in the backup's folder, and how to read it without Caravan. */
    private static void describe(Path folder, PrintStream out) throws IOException {
        out.println("demo: the backup is in " + folder + ":");
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                String what = name.equals("manifest.json") ? "what the backup holds, as JSON (caravan-backup/1)"
                        : name.endsWith(".zst") ? "the snapshot; zstd -d gives back a standard RDB"
                        : "the snapshot";
                out.printf("  %-22s %,10d bytes  %s%n", name, Files.size(f), what);
            }
        }
    }

    /** A RESP reply of either kind ({@code +PONG}, or {@code -NOAUTH} from a server with a password) is a Redis. */
    static boolean answersAsRedis(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            int first = socket.getInputStream().read();
            return first == '+' || first == '-';
        } catch (IOException nothingThere) {
            return false;
        }
    }

    /** Replays a redis-cli style script (one command a line, double quotes with backslash escapes). */
    static int seed(RedisServerFixture server, Path script) throws IOException {
        int commands = 0;
        try (RespConnection c = server.connect()) {
            for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
                List<String> words = words(line);
                if (words.isEmpty()) {
                    continue;
                }
                Object reply = c.call(words.toArray());
                if (reply instanceof RespConnection.RedisError error) {
                    throw new IllegalStateException(script + ": '" + line + "' failed: " + error.message());
                }
                commands++;
            }
        }
        return commands;
    }

    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    word.append(ch);
                }
            } else if (Character.isWhitespace(ch)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (ch == '"') {
                    quoted = true;
                } else {
                    word.append(ch);
                }
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unclosed quote in: " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
