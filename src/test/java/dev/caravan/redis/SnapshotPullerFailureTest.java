package dev.caravan.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.caravan.testing.CuttingProxy;
import dev.caravan.testing.RedisServerFixture;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every way a pull can fail gives one clear {@link SnapshotException}, quickly. */
class SnapshotPullerFailureTest {

    private static final String REPLID = "8c6b2e7a4f1d9e3c5b0a7f6e2d4c1b9a8e7f6d5c";
    private static final PullOptions SHORT = PullOptions.defaults()
            .withConnectTimeout(Duration.ofSeconds(2))
            .withHeaderTimeout(Duration.ofMillis(400))
            .withReadIdleTimeout(Duration.ofMillis(400));

    private static SeededMasters masters;
    private static RedisServerFixture diskBased;
    private static RedisServerFixture diskless;

    @BeforeAll
    static void startServers() {
        masters = new SeededMasters();
        diskBased = masters.diskBased;
        diskless = masters.diskless;
    }

    @AfterAll
    static void stopServers() {
        masters.close();
    }

    @Test
    void unknownHost() {
        SnapshotException e = failure(RedisUri.parse("redis://:pw@no-such-host.invalid:6390"));
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.UNKNOWN_HOST);
        assertThat(e).hasMessage("unknown host 'no-such-host.invalid' in redis://:***@no-such-host.invalid:6390:"
                + " check the host name and DNS");
    }

    @Test
    void closedPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SnapshotException e = failure(RedisUri.of("127.0.0.1", port, false));
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.CONNECTION_REFUSED);
        assertThat(e).hasMessageStartingWith("cannot connect to redis://127.0.0.1:" + port + " (Connection refused)")
                .hasMessageEndingWith("check the host and port, and that Redis is running");
    }

    @Test
    void diskBasedTransferCutShort() throws Exception {
        assertTruncated(diskBased);
    }

    @Test
    void disklessTransferCutShort() throws Exception {
        assertTruncated(diskless);
    }

    @Test
    void stalledTransferTimesOut() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(diskless.port(), 64 * 1024, CuttingProxy.After.STALL);
             Snapshot snapshot = new SnapshotPuller(SHORT).pull(proxy.uri())) {
            assertThatThrownBy(() -> snapshot.payload().transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOfSatisfying(SnapshotException.class,
                            e -> assertThat(e.kind()).isEqualTo(SnapshotException.Kind.TIMEOUT))
                    .hasMessageContaining("for 400 ms during the transfer, after")
                    .hasMessageContaining("raise readIdleTimeout");
        }
    }

    @Test
    void silentServerTimesOutWaitingForAReply() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer()) {
            SnapshotException e = failure(peer.uri());
            assertThat(e.kind()).isEqualTo(SnapshotException.Kind.TIMEOUT);
            assertThat(e).hasMessageContaining("for 400 ms while waiting for the reply to REPLCONF (headerTimeout)");
        }
    }

    @Test
    void masterThatNeverStartsThePayloadTimesOut() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer("+OK\r\n", "+OK\r\n", "+FULLRESYNC " + REPLID + " 0\r\n\n\n")) {
            SnapshotException e = failure(peer.uri());
            assertThat(e.kind()).isEqualTo(SnapshotException.Kind.TIMEOUT);
            assertThat(e).hasMessageContaining("while waiting for the snapshot (the master forks and writes it first)");
        }
    }

    @Test
    void olderMasterWithoutRdbOnlyStillServesTheSnapshot() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer("+OK\r\n", "-ERR Unrecognized REPLCONF option: rdb-only\r\n",
                "+FULLRESYNC " + REPLID + " 42\r\n\n\n$5\r\nREDIS*3\r\n$3\r\nSET\r\n");
             Snapshot snapshot = new SnapshotPuller(SHORT).pull(peer.uri())) {
            assertThat(snapshot.replicationId()).isEqualTo(REPLID);
            assertThat(snapshot.offset()).isEqualTo(42);
            assertThat(snapshot.payload().readAllBytes()).isEqualTo("REDIS".getBytes());
            assertThat(snapshot.complete()).isTrue();
        }
    }

    @Test
    void disklessFramingHoldsBackTheMark() throws Exception {
        String mark = REPLID;
        String almost = mark.substring(0, 39);
        try (ScriptedPeer peer = new ScriptedPeer("+OK\r\n", "+OK\r\n",
                "+FULLRESYNC " + REPLID + " 0\r\n$EOF:" + mark + "\r\nREDIS" + almost + "x" + mark);
             Snapshot snapshot = new SnapshotPuller(SHORT).pull(peer.uri())) {
            assertThat(new String(snapshot.payload().readAllBytes())).isEqualTo("REDIS" + almost + "x");
            assertThat(snapshot.bytesRead()).isEqualTo(45);
        }
    }

    @Test
    void continueInsteadOfFullResync() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer("+OK\r\n", "+OK\r\n", "+CONTINUE " + REPLID + "\r\n")) {
            SnapshotException e = failure(peer.uri());
            assertThat(e.kind()).isEqualTo(SnapshotException.Kind.PROTOCOL);
            assertThat(e).hasMessageContaining("answered PSYNC ? -1 with +CONTINUE");
        }
    }

    @Test
    void loadingServer() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer("-LOADING Redis is loading the dataset in memory\r\n")) {
            SnapshotException e = failure(peer.uri());
            assertThat(e.kind()).isEqualTo(SnapshotException.Kind.SERVER_REFUSED);
            assertThat(e).hasMessageContaining("is loading its dataset into memory: try again once it has finished");
        }
    }

    @Test
    void otherErrorsAreQuoted() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer("+OK\r\n", "+OK\r\n", "-ERR unknown command 'PSYNC'\r\n")) {
            SnapshotException e = failure(peer.uri());
            assertThat(e.kind()).isEqualTo(SnapshotException.Kind.SERVER_REFUSED);
            assertThat(e).hasMessageEndingWith(" refused PSYNC: ERR unknown command 'PSYNC'");
        }
    }

    @Test
    void replicaWithoutItsMaster() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (RedisServerFixture replica = RedisServerFixture.start("--replicaof", "127.0.0.1", Integer.toString(deadPort))) {
            SnapshotException e = failure(RedisUri.parse(replica.uri()));
            assertThat(e.kind()).isEqualTo(SnapshotException.Kind.SERVER_REFUSED);
            assertThat(e).hasMessageContaining("is a replica whose link to its master is down")
                    .hasMessageContaining("NOMASTERLINK");
        }
    }

    @Test
    void masterFailingToWriteTheSnapshot() throws Exception {
        try (RedisServerFixture master = RedisServerFixture.start("--repl-diskless-sync", "no",
                "--enable-protected-configs", "yes")) {
            master.call("SET", "k", "v");
            Path gone = Files.createDirectory(master.dir().resolve("gone"));
            assertThat(master.call("CONFIG", "SET", "dir", gone.toString())).isEqualTo("OK");
            Files.delete(gone);
            SnapshotException e = failure(RedisUri.parse(master.uri()));
            assertThat(e.kind()).isEqualTo(SnapshotException.Kind.IO);
            assertThat(e).hasMessageContaining("closed the connection while waiting for the snapshot")
                    .hasMessageContaining("the master may have failed to write the snapshot (fork, disk space)");
        }
    }

    private static void assertTruncated(RedisServerFixture source) throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(source.port(), 64 * 1024, CuttingProxy.After.CLOSE);
             Snapshot snapshot = new SnapshotPuller(SHORT).pull(proxy.uri())) {
            InputStream payload = snapshot.payload();
            assertThatThrownBy(() -> payload.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOfSatisfying(SnapshotException.class,
                            e -> assertThat(e.kind()).isEqualTo(SnapshotException.Kind.TRUNCATED))
                    .hasMessageStartingWith("truncated snapshot after ")
                    .hasMessageContaining("bytes from " + proxy.uri());
            assertThat(snapshot.complete()).isFalse();
            assertThat(snapshot.bytesRead()).isBetween(1L, 64L * 1024);
        }
    }

    private static SnapshotException failure(RedisUri uri) {
        long started = System.nanoTime();
        SnapshotException e = catchThrowableOfType(SnapshotException.class,
                () -> new SnapshotPuller(SHORT).pull(uri).close());
        assertThat(e).as("pulling from %s should fail", uri).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        return e;
    }
}
