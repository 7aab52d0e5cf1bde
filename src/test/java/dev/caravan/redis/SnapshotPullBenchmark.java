package dev.caravan.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.testing.RedisServerFixture;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pull throughput against {@code redis-cli --rdb} on the same server, side by side: both write
 * the RDB to {@code /dev/null} (the transfer alone; redis-cli as {@code --rdb -}, since it cannot
 * truncate or fsync {@code /dev/null}), then both to a file in the same folder and
 * fsync it, as redis-cli does. Not part of the test suite (surefire excludes
 * {@code *Benchmark}); run it with
 * {@code ./mvnw -o test -Dtest=SnapshotPullBenchmark [-Dbench.keys=2000000] [-Dbench.dir=/dev/shm]}. The source stores values
 * uncompressed ({@code rdbcompression no}) so that the RDB is large (about 0.5 KB per key) and the
 * figures measure the transfer rather than the key count. {@link #clientsOnly()} takes the server
 * out of the measure ({@code -Dbench.peer.bytes}, 4 GiB by default).
 */
class SnapshotPullBenchmark {

    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void diskBased() throws Exception {
        compare("disk-based", "--repl-diskless-sync", "no");
    }

    @Test
    void diskless() throws Exception {
        compare("diskless", "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0");
    }

    /** The clients alone, against {@link MemoryMasterPeer}: no fork, no serialisation, no disk. */
    @Test
    void clientsOnly() throws Exception {
        long size = Long.getLong("bench.peer.bytes", 4L << 30);
        for (boolean diskless : new boolean[] {false, true}) {
            try (MemoryMasterPeer peer = new MemoryMasterPeer(size, diskless)) {
                RedisUri uri = RedisUri.of("127.0.0.1", peer.port(), false);
                for (int round = 1; round <= ROUNDS; round++) {
                    long[] got = new long[1];
                    long[] nanos = pair(round % 2 == 1, () -> redisCli(peer.port(), Path.of("/dev/null")),
                            () -> got[0] = pull(uri, Path.of("/dev/null")));
                    assertThat(got[0]).isEqualTo(size);
                    report((diskless ? "diskless" : "disk-based") + " from memory to /dev/null", round, got,
                            nanos[0], nanos[1]);
                }
            }
        }
    }

    private void compare(String label, String... args) throws Exception {
        String[] serverArgs = new String[args.length + 2];
        System.arraycopy(args, 0, serverArgs, 0, args.length);
        serverArgs[args.length] = "--rdbcompression";
        serverArgs[args.length + 1] = "no";
        String keys = System.getProperty("bench.keys", "2000000");
        try (RedisServerFixture server = RedisServerFixture.start(serverArgs)) {
            server.call("DEBUG", "POPULATE", keys, "key", "500");
            Path folder = Path.of(System.getProperty("bench.dir", dir.toString()));
            for (int round = 1; round <= ROUNDS; round++) {
                boolean cliFirst = round % 2 == 1;
                Path devNull = Path.of("/dev/null");
                long[] size = new long[1];
                long[] nanos = pair(cliFirst, () -> redisCli(server, devNull), () -> size[0] = pull(server, devNull));
                report(label + " to /dev/null", round, size, nanos[0], nanos[1]);
                Path cliFile = folder.resolve("cli.rdb");
                Path ourFile = folder.resolve("caravan.rdb");
                nanos = pair(cliFirst, () -> redisCli(server, cliFile), () -> pull(server, ourFile));
                long cliNanos = nanos[0];
                long ourNanos = nanos[1];
                assertThat(Files.size(ourFile)).isEqualTo(Files.size(cliFile)).isEqualTo(size[0]);
                report(label + " to " + folder, round, size, cliNanos, ourNanos);
                Files.delete(cliFile);
                Files.delete(ourFile);
            }
        }
    }

    private static void redisCli(RedisServerFixture server, Path file) throws Exception {
        redisCli(server.port(), file);
    }

    private static void redisCli(int port, Path file) throws Exception {
        Process p = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "--rdb", file.toString().equals("/dev/null") ? "-" : file.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    private static void report(String label, int round, long[] size, long cliNanos, long ourNanos) {
        System.out.printf("%s, round %d: %d MB; redis-cli --rdb %.2f s (%.0f MB/s); SnapshotPuller %.2f s"
                + " (%.0f MB/s); time ratio cli/ours %.2f%n", label, round, size[0] >> 20, cliNanos / 1e9,
                mbps(size[0], cliNanos), ourNanos / 1e9, mbps(size[0], ourNanos), (double) cliNanos / ourNanos);
    }

    /** Pulls into {@code file} with a 64 KB buffer and fsyncs it, as redis-cli does; returns the size. */
    private static long pull(RedisServerFixture server, Path file) throws Exception {
        return pull(RedisUri.parse(server.uri()), file);
    }

    private static long pull(RedisUri uri, Path file) throws Exception {
        try (Snapshot snapshot = new SnapshotPuller().pull(uri);
             FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[64 * 1024];
            InputStream in = snapshot.payload();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            if (!file.toString().equals("/dev/null")) {
                out.force(true);
            }
            assertThat(snapshot.complete()).isTrue();
            return snapshot.bytesRead();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Times both, in the order given, so that neither always runs on a warmer server. */
    private static long[] pair(boolean cliFirst, Step cli, Step ours) throws Exception {
        long[] nanos = new long[2];
        if (cliFirst) {
            nanos[0] = time(cli);
            nanos[1] = time(ours);
        } else {
            nanos[1] = time(ours);
            nanos[0] = time(cli);
        }
        return nanos;
    }

    private static long time(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return System.nanoTime() - start;
    }

    private static double mbps(long bytes, long nanos) {
        return bytes / 1048576.0 / (nanos / 1e9);
    }
}
