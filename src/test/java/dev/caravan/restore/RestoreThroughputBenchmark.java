package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.rdb.DumpVisitor;
import dev.caravan.rdb.RdbEntry;
import dev.caravan.rdb.RdbParser;
import dev.caravan.redis.RedisUri;
import dev.caravan.testing.RedisServerFixture;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore throughput, side by side on one RDB: the same redis-server loading it at start-up (the
 * limit), {@code redis-cli --pipe} of the RESTORE commands made from it beforehand (the RESTORE
 * phase alone, the peers' way), and {@link RedisLoader} at several windows (parse, filter, build
 * payloads and pipeline them, all in one pass). Each load goes into a fresh server and is checked
 * with DEBUG DIGEST. Not part of the suite; run with
 * {@code ./mvnw -B -o test -Dtest=RestoreThroughputBenchmark [-Dbench.size=256m] [-Dbench.populate=1000000]
 * [-Dbench.windows=64,512,4096]}. The dataset is {@code bench/DatasetGenerator.java} (text values, two
 * dbs), loaded with {@code redis-cli --pipe}, plus {@code bench.populate} small strings in db 0
 * (DEBUG POPULATE, 32-byte values) to weigh keys rather than bytes.
 */
class RestoreThroughputBenchmark {

    private static final int ROUNDS = 2;

    @TempDir
    Path dir;

    @Test
    void restoreThroughput() throws Exception {
        String size = System.getProperty("bench.size", "128m");
        List<Integer> windows = java.util.Arrays.stream(System.getProperty("bench.windows", "64,512,4096").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        Path rdb;
        String digest;
        long keys;
        try (RedisServerFixture source = RedisServerFixture.start()) {
            generate(source, size);
            long populate = Long.getLong("bench.populate", 0);
            if (populate > 0) {
                source.call("DEBUG", "POPULATE", Long.toString(populate), "small", "32");
            }
            digest = source.digest();
            keys = source.dbsize(0) + source.dbsize(1);
            rdb = Files.copy(source.save(), dir.resolve("bench.rdb"));
        }
        long bytes = Files.size(rdb);
        System.out.printf("%nRDB %.1f MB, %d keys, redis-server %s%n", bytes / 1e6, keys,
                RedisServerFixture.binary());

        long start = System.nanoTime();
        try (RedisServerFixture loaded = RedisServerFixture.start(rdb)) {
            long nanos = System.nanoTime() - start;
            assertThat(loaded.digest()).isEqualTo(digest);
            line("redis-server load at start-up", nanos, keys, bytes);
        }

        Path resp = dir.resolve("restore.resp");
        writeRestoreCommands(rdb, resp);
        try (RedisServerFixture target = RedisServerFixture.start()) {
            start = System.nanoTime();
            Process cli = new ProcessBuilder("redis-cli", "-p", Integer.toString(target.port()), "--pipe")
                    .redirectInput(resp.toFile()).redirectErrorStream(true).start();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(cli.waitFor(600, TimeUnit.SECONDS)).isTrue();
            long nanos = System.nanoTime() - start;
            assertThat(out).contains("errors: 0");
            assertThat(target.digest()).isEqualTo(digest);
            line("redis-cli --pipe of RESTORE (" + Files.size(resp) / 1_000_000 + " MB of RESP)", nanos, keys, bytes);
        }
        Files.delete(resp);

        RdbRequirements requirements = null;
        for (int round = 0; round < 2; round++) {
            start = System.nanoTime();
            try (InputStream in = Files.newInputStream(rdb)) {
                requirements = RdbRequirements.of(in, RestoreFilter.all());
            }
            line("Caravan requirements pass (parse only; the verify pass does it)", System.nanoTime() - start, keys,
                    bytes);
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int window : windows) {
                try (RedisServerFixture target = RedisServerFixture.start(); InputStream in = Files.newInputStream(rdb)) {
                    start = System.nanoTime();
                    LoadReport report = new RedisLoader().load(in, RedisUri.parse(target.uri()),
                            LoadOptions.defaults().withWindow(window), requirements, new LoadCounters());
                    long nanos = System.nanoTime() - start;
                    assertThat(target.digest()).isEqualTo(digest);
                    assertThat(report.restored()).isEqualTo(keys);
                    line("Caravan RedisLoader, window " + window + ", round " + (round + 1), nanos, keys, bytes);
                }
            }
        }
    }

    private static void line(String what, long nanos, long keys, long bytes) {
        double s = nanos / 1e9;
        System.out.printf("%-62s %7.2f s %10.0f keys/s %7.1f MB/s%n", what, s, keys / s, bytes / 1e6 / s);
    }

    private void generate(RedisServerFixture source, String size) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path generator = Path.of("bench/DatasetGenerator.java");
        run(new ProcessBuilder("javac", "-d", classes.toString(), generator.toString()));
        Path commands = dir.resolve("dataset.resp");
        run(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classes.toString(), "DatasetGenerator", "--seed", "42", "--size", size, "--compressibility", "text",
                "--dbs", "2").redirectOutput(commands.toFile()));
        run(new ProcessBuilder("redis-cli", "-p", Integer.toString(source.port()), "--pipe")
                .redirectInput(commands.toFile()));
        Files.delete(commands);
    }

    private static void run(ProcessBuilder builder) throws Exception {
        if (builder.redirectOutput() == ProcessBuilder.Redirect.PIPE) {
            builder.redirectErrorStream(true);
        }
        Process p = builder.start();
        String out = builder.redirectOutput() == ProcessBuilder.Redirect.PIPE
                ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    /** SELECT and RESTORE key ttl payload REPLACE ABSTTL for every key, as RESP, from the RDB. */
    private static void writeRestoreCommands(Path rdb, Path resp) throws IOException {
        try (InputStream in = Files.newInputStream(rdb);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(resp), 1 << 20)) {
            int[] db = {-1};
            new RdbParser(in).parse(DumpVisitor.inMemory((RdbEntry e, byte[] payload) -> {
                try {
                    if (e.db() != db[0]) {
                        command(out, bytes("SELECT"), bytes(Integer.toString(e.db())));
                        db[0] = e.db();
                    }
                    if (e.expireAtMs() >= 0) {
                        command(out, bytes("RESTORE"), e.key(), bytes(Long.toString(e.expireAtMs())), payload,
                                bytes("REPLACE"), bytes("ABSTTL"));
                    } else {
                        command(out, bytes("RESTORE"), e.key(), bytes("0"), payload, bytes("REPLACE"));
                    }
                } catch (IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            }));
        }
    }

    private static void command(OutputStream out, byte[]... args) throws IOException {
        out.write(bytes("*" + args.length + "\r\n"));
        for (byte[] a : args) {
            out.write(bytes("$" + a.length + "\r\n"));
            out.write(a);
            out.write('\r');
            out.write('\n');
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
