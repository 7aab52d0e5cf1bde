package dev.caravan.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caravan.testing.RedisServerFixture;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a diskless master expects of a replica during the transfer: that its socket keeps taking
 * bytes. A master with {@code repl-timeout 1} keeps a slow but steady reader and drops one that
 * stalls for longer than the time-out. The snapshot (about 30 MB, stored uncompressed) is larger
 * than what the loopback socket buffers hold, so the master really waits on the reader.
 */
class ReplicaTimeoutTest {

    private static RedisServerFixture master;

    @BeforeAll
    static void startMaster() {
        master = RedisServerFixture.start("--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0",
                "--repl-timeout", "1", "--rdbcompression", "no");
        master.call("DEBUG", "POPULATE", "60000", "key", "500");
    }

    @AfterAll
    static void stopMaster() {
        master.close();
    }

    @Test
    void slowButSteadyReaderIsKept() throws Exception {
        try (Snapshot snapshot = new SnapshotPuller().pull(RedisUri.parse(master.uri()))) {
            InputStream payload = snapshot.payload();
            byte[] chunk = new byte[256 * 1024];
            long started = System.nanoTime();
            while (payload.read(chunk) >= 0) {
                Thread.sleep(20);
            }
            assertThat(System.nanoTime() - started).as("slower than repl-timeout").isGreaterThan(2_000_000_000L);
            assertThat(snapshot.complete()).isTrue();
            assertThat(snapshot.bytesRead()).isGreaterThan(25L << 20);
        }
    }

    @Test
    void readerThatStallsLongerThanReplTimeoutIsDropped() throws Exception {
        try (Snapshot snapshot = new SnapshotPuller().pull(RedisUri.parse(master.uri()))) {
            InputStream payload = snapshot.payload();
            payload.readNBytes(1 << 20);
            Thread.sleep(3500);
            assertThatThrownBy(() -> payload.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOfSatisfying(SnapshotException.class,
                            e -> assertThat(e.kind()).isEqualTo(SnapshotException.Kind.TRUNCATED))
                    .hasMessageContaining("repl-timeout");
        }
        assertThat(master.log()).contains("Disconnecting timedout replica (full sync)");
    }
}
