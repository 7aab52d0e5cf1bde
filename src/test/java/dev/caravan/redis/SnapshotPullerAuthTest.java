package dev.caravan.redis;

import static dev.caravan.redis.PulledSnapshots.assertSameDataset;
import static dev.caravan.redis.PulledSnapshots.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords and ACL users: the pulls that must work and the errors that must be clear. */
class SnapshotPullerAuthTest {

    private static final String SERVER_PASSWORD = "server-pw-Q7x";
    private static final String WRONG_PASSWORD = "wrong-pw-K2z";

    private static RedisServerFixture protectedServer;
    private static RedisServerFixture aclServer;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() {
        // The fixture checks readiness without a password, so the password is set once it runs.
        protectedServer = RedisServerFixture.start("--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0");
        protectedServer.call("SET", "k", "v");
        protectedServer.call("CONFIG", "SET", "requirepass", SERVER_PASSWORD);
        aclServer = RedisServerFixture.start("--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0");
        aclServer.call("ACL", "SETUSER", "backup", "on", ">backup-pw", "+@all", "~*");
        aclServer.call("ACL", "SETUSER", "minimal", "on", ">minimal-pw", "+psync", "+replconf");
        aclServer.call("ACL", "SETUSER", "nopsync", "on", ">nopsync-pw", "+@all", "-psync", "~*");
        aclServer.call("ACL", "SETUSER", "noreplconf", "on", ">noreplconf-pw", "+@all", "-replconf", "~*");
        Datasets.seedEveryType(aclServer);
        Datasets.seedBulk(aclServer, 20_000, 4 << 20);
    }

    @AfterAll
    static void stopServers() {
        protectedServer.close();
        aclServer.close();
    }

    @Test
    void passwordOfTheDefaultUser() throws Exception {
        try (Snapshot snapshot = pull(protectedServer, ":" + SERVER_PASSWORD + "@")) {
            Path rdb = drain(snapshot, dir.resolve("protected.rdb"));
            try (RedisServerFixture copy = RedisServerFixture.start(rdb)) {
                assertThat(copy.call("GET", "k")).isEqualTo("v".getBytes());
            }
        }
    }

    @Test
    void aclUser() throws Exception {
        try (Snapshot snapshot = pull(aclServer, "backup:backup-pw@")) {
            assertSameDataset(drain(snapshot, dir.resolve("acl.rdb")), aclServer);
        }
    }

    @Test
    void aclUserWithOnlyPsyncAndReplconf() throws Exception {
        try (Snapshot snapshot = pull(aclServer, "minimal:minimal-pw@")) {
            assertSameDataset(drain(snapshot, dir.resolve("minimal.rdb")), aclServer);
        }
    }

    @Test
    void aPasswordForAServerThatNeedsNoneIsAccepted() throws Exception {
        try (Snapshot snapshot = pull(aclServer, ":unneeded-pw@")) {
            assertThat(snapshot.payload().readAllBytes()).startsWith("REDIS".getBytes());
        }
    }

    @Test
    void wrongPassword() {
        SnapshotException e = failure(protectedServer, ":" + WRONG_PASSWORD + "@");
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.AUTH_FAILED);
        assertThat(e).hasMessageContaining("authentication as user 'default' failed on redis://:***@127.0.0.1:")
                .hasMessageContaining("wrong password, unknown user, or user disabled");
    }

    @Test
    void unknownUser() {
        SnapshotException e = failure(aclServer, "ghost:" + WRONG_PASSWORD + "@");
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.AUTH_FAILED);
        assertThat(e).hasMessageContaining("authentication as user 'ghost' failed on redis://ghost:***@");
    }

    @Test
    void missingPassword() {
        SnapshotException e = failure(protectedServer, "");
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.AUTH_REQUIRED);
        assertThat(e).hasMessageContaining(protectedServer.uri() + " requires a password: put it in the URI");
    }

    @Test
    void aclUserWithoutPsync() {
        SnapshotException e = failure(aclServer, "nopsync:nopsync-pw@");
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.NOT_PERMITTED);
        assertThat(e).hasMessageContaining("user 'nopsync' may not run PSYNC on redis://nopsync:***@127.0.0.1:")
                .hasMessageContaining("grant them (ACL SETUSER nopsync +psync +replconf), or set mode=scan")
                .message().doesNotContain("nopsync-pw");
    }

    @Test
    void aclUserWithoutReplconf() {
        SnapshotException e = failure(aclServer, "noreplconf:noreplconf-pw@");
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.NOT_PERMITTED);
        assertThat(e).hasMessageContaining("user 'noreplconf' may not run REPLCONF on redis://noreplconf:***@")
                .message().doesNotContain("noreplconf-pw");
    }

    private static Snapshot pull(RedisServerFixture server, String credentials) throws SnapshotException {
        return new SnapshotPuller().pull(uri(server, credentials));
    }

    private static RedisUri uri(RedisServerFixture server, String credentials) {
        return RedisUri.parse("redis://" + credentials + server.host() + ":" + server.port());
    }

    /** The pull's error, checked never to contain a password. */
    private static SnapshotException failure(RedisServerFixture server, String credentials) {
        SnapshotException e = catchThrowableOfType(SnapshotException.class, () -> pull(server, credentials).close());
        assertThat(e).as("pull with '%s' should fail", credentials.replaceAll(":.*@", ":***@")).isNotNull();
        assertThat(e.getMessage()).doesNotContain(WRONG_PASSWORD).doesNotContain(SERVER_PASSWORD);
        return e;
    }
}
