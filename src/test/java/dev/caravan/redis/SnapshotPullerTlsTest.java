package dev.caravan.redis;

import static dev.caravan.redis.PulledSnapshots.assertSameDataset;
import static dev.caravan.redis.PulledSnapshots.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against redis-server's TLS port. The servers keep their plain port too, which
 * only the fixture uses (to see that they are ready and to take digests).
 */
class SnapshotPullerTlsTest {

    @TempDir
    static Path certDir;

    @TempDir
    Path dir;

    private static TestCertificates certificates;
    private static Server trusted;
    private static Server wrongName;
    private static Server mutual;

    /** A server and its TLS port. */
    private record Server(RedisServerFixture fixture, int tlsPort) {
        RedisUri uri(String host) {
            return RedisUri.parse("rediss://" + host + ":" + tlsPort);
        }
    }

    @BeforeAll
    static void startServers() throws IOException {
        certificates = TestCertificates.createCa(certDir);
        certificates.issue("server", "IP:127.0.0.1", "DNS:localhost");
        certificates.issue("elsewhere", "DNS:elsewhere.example");
        certificates.issue("client", "DNS:caravan-client");
        trusted = start("server", "no");
        wrongName = start("elsewhere", "no");
        mutual = start("server", "yes");
        Datasets.seedEveryType(trusted.fixture());
        Datasets.seedBulk(trusted.fixture(), 20_000, 4 << 20);
    }

    @AfterAll
    static void stopServers() {
        trusted.fixture().close();
        wrongName.fixture().close();
        mutual.fixture().close();
    }

    @Test
    void pullWithTheCaTrusted() throws Exception {
        PullOptions options = PullOptions.defaults().withTls(TlsOptions.defaults().withCaFile(certificates.caCert));
        try (Snapshot snapshot = new SnapshotPuller(options).pull(trusted.uri("127.0.0.1"))) {
            assertSameDataset(drain(snapshot, dir.resolve("tls.rdb")), trusted.fixture());
        }
    }

    @Test
    void pullWithATrustStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (var in = java.nio.file.Files.newInputStream(certificates.caCert)) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Path file = dir.resolve("trust.p12");
        try (var out = java.nio.file.Files.newOutputStream(file)) {
            store.store(out, "trust-pw".toCharArray());
        }
        TlsOptions tls = TlsOptions.defaults().withTrustStore(file, "trust-pw".toCharArray());
        try (Snapshot snapshot = new SnapshotPuller(PullOptions.defaults().withTls(tls)).pull(trusted.uri("localhost"))) {
            assertThat(snapshot.payload().readAllBytes()).startsWith("REDIS".getBytes());
        }
    }

    @Test
    void hostNamesAreCheckedToo() throws Exception {
        PullOptions options = PullOptions.defaults().withTls(TlsOptions.defaults().withCaFile(certificates.caCert));
        try (Snapshot snapshot = new SnapshotPuller(options).pull(trusted.uri("localhost"))) {
            assertThat(snapshot.payload().readAllBytes()).startsWith("REDIS".getBytes());
        }
        SnapshotException e = failure(options, wrongName.uri("127.0.0.1"));
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.TLS);
        assertThat(e).hasMessageContaining("the certificate of rediss://127.0.0.1:" + wrongName.tlsPort()
                + " is not for host '127.0.0.1'");
    }

    @Test
    void untrustedCertificateIsRefusedByDefault() {
        SnapshotException e = failure(PullOptions.defaults(), trusted.uri("127.0.0.1"));
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.TLS);
        assertThat(e).hasMessageContaining("the certificate of rediss://127.0.0.1:" + trusted.tlsPort()
                + " is not trusted").hasMessageContaining("configure the CA that signed it");
    }

    @Test
    void insecureAcceptsAnyCertificate() throws Exception {
        PullOptions options = PullOptions.defaults().withTls(TlsOptions.defaults().withInsecure(true));
        try (Snapshot snapshot = new SnapshotPuller(options).pull(wrongName.uri("127.0.0.1"))) {
            assertThat(snapshot.payload().readAllBytes()).startsWith("REDIS".getBytes());
        }
    }

    @Test
    void mutualTlsNeedsTheClientCertificate() throws Exception {
        TlsOptions caOnly = TlsOptions.defaults().withCaFile(certificates.caCert);
        SnapshotException e = failure(PullOptions.defaults().withTls(caOnly), mutual.uri("127.0.0.1"));
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.TLS);
        assertThat(e).hasMessageContaining("the TLS session with rediss://127.0.0.1:" + mutual.tlsPort())
                .hasMessageContaining("if the server requires client certificates (tls-auth-clients), configure a key store");

        TlsOptions withClient = caOnly.withKeyStore(certificates.keyStore("client"),
                TestCertificates.KEY_STORE_PASSWORD.toCharArray());
        try (Snapshot snapshot = new SnapshotPuller(PullOptions.defaults().withTls(withClient))
                .pull(mutual.uri("127.0.0.1"))) {
            assertThat(snapshot.payload().readAllBytes()).startsWith("REDIS".getBytes());
        }
    }

    @Test
    void mutualTlsWithThePemFilesRedisUses() throws Exception {
        TlsOptions pem = TlsOptions.defaults().withCaFile(certificates.caCert)
                .withClientCertificate(certDir.resolve("client.crt"), certificates.key("client"));
        try (Snapshot snapshot = new SnapshotPuller(PullOptions.defaults().withTls(pem)).pull(mutual.uri("127.0.0.1"))) {
            assertThat(snapshot.payload().readAllBytes()).startsWith("REDIS".getBytes());
        }
    }

    @Test
    void olderPemKeyFormsAreExplained() throws Exception {
        Path pkcs1 = java.nio.file.Files.writeString(certDir.resolve("old.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        TlsOptions pem = TlsOptions.defaults().withClientCertificate(certDir.resolve("client.crt"), pkcs1);
        SnapshotException e = failure(PullOptions.defaults().withTls(pem), mutual.uri("127.0.0.1"));
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.CONFIGURATION);
        assertThat(e).hasMessageContaining("is in the older PKCS#1/SEC1 form; convert it with: openssl pkcs8 -topk8");
    }

    @Test
    void plainClientOnTheTlsPort() {
        RedisUri plain = RedisUri.of("127.0.0.1", trusted.tlsPort(), false);
        SnapshotException e = failure(PullOptions.defaults(), plain);
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.IO);
        assertThat(e).hasMessageContaining("while waiting for the reply to REPLCONF: if it is a TLS port, use rediss://");
    }

    @Test
    void tlsClientOnThePlainPort() {
        RedisUri tls = RedisUri.of("127.0.0.1", trusted.fixture().port(), true);
        PullOptions options = PullOptions.defaults().withConnectTimeout(java.time.Duration.ofMillis(500));
        SnapshotException e = failure(options, tls);
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.TIMEOUT);
        assertThat(e).hasMessage("the TLS handshake with rediss://127.0.0.1:" + trusted.fixture().port()
                + " took longer than 500 ms (connectTimeout): is it a TLS port?");
    }

    @Test
    void missingCaFileIsAConfigurationError() {
        Path missing = certDir.resolve("missing.crt");
        PullOptions options = PullOptions.defaults().withTls(TlsOptions.defaults().withCaFile(missing));
        SnapshotException e = failure(options, trusted.uri("127.0.0.1"));
        assertThat(e.kind()).isEqualTo(SnapshotException.Kind.CONFIGURATION);
        assertThat(e).hasMessageContaining("cannot read the CA file " + missing);
    }

    @Test
    void scanModeTrustsTheSameWayAndChecksTheHostName() throws Exception {
        PullOptions options = PullOptions.defaults().withTls(TlsOptions.defaults().withCaFile(certificates.caCert));
        ScanSnapshot snapshot = new ScanSnapshotter(options, 1000, 256).scan(trusted.uri("127.0.0.1"));
        assertSameDataset(ScanSnapshotterTest.drain(snapshot, dir.resolve("scan-tls.rdb")), trusted.fixture());

        SnapshotException untrusted = scanFailure(PullOptions.defaults(), trusted.uri("127.0.0.1"));
        assertThat(untrusted.kind()).isEqualTo(SnapshotException.Kind.TLS);
        assertThat(untrusted).hasMessageContaining("the certificate of rediss://127.0.0.1:" + trusted.tlsPort()
                + " is not trusted");
        SnapshotException wrongHost = scanFailure(options, wrongName.uri("127.0.0.1"));
        assertThat(wrongHost.kind()).isEqualTo(SnapshotException.Kind.TLS);
        assertThat(wrongHost).hasMessageContaining("rediss://127.0.0.1:" + wrongName.tlsPort());
    }

    @Test
    void scanModeWithAClientCertificate() throws Exception {
        TlsOptions pem = TlsOptions.defaults().withCaFile(certificates.caCert)
                .withClientCertificate(certDir.resolve("client.crt"), certificates.key("client"));
        ScanSnapshot snapshot = new ScanSnapshotter(PullOptions.defaults().withTls(pem), 1000, 256)
                .scan(mutual.uri("127.0.0.1"));
        try (snapshot) {
            assertThat(snapshot.payload().readAllBytes()).startsWith("REDIS".getBytes());
        }
        assertThat(snapshot.complete()).isTrue();
    }

    private static SnapshotException scanFailure(PullOptions options, RedisUri uri) {
        SnapshotException e = catchThrowableOfType(SnapshotException.class,
                () -> new ScanSnapshotter(options, 1000, 256).scan(uri).close());
        assertThat(e).as("scanning %s should fail", uri).isNotNull();
        return e;
    }

    private static Server start(String certificate, String authClients) throws IOException {
        int tlsPort = freePort();
        RedisServerFixture fixture = RedisServerFixture.start(
                "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0",
                "--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", certDir.resolve(certificate + ".crt").toString(),
                "--tls-key-file", certificates.key(certificate).toString(),
                "--tls-ca-cert-file", certificates.caCert.toString(),
                "--tls-auth-clients", authClients);
        return new Server(fixture, tlsPort);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static SnapshotException failure(PullOptions options, RedisUri uri) {
        SnapshotException e = catchThrowableOfType(SnapshotException.class,
                () -> new SnapshotPuller(options).pull(uri).close());
        assertThat(e).as("pulling from %s should fail", uri).isNotNull();
        return e;
    }
}
