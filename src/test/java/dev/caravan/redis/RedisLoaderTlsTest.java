package dev.caravan.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.caravan.restore.LoadCounters;
import dev.caravan.restore.LoadOptions;
import dev.caravan.restore.LoadReport;
import dev.caravan.restore.RedisLoader;
import dev.caravan.restore.RestoreRefusedException;
import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore loader over {@code rediss://}: the same TLS settings and checks as a backup pull. */
class RedisLoaderTlsTest {

    @TempDir
    Path dir;

    @Test
    void loadsOverTlsWhenTheCaIsTrustedAndIsRefusedOtherwise() throws IOException {
        TestCertificates certificates = TestCertificates.createCa(java.nio.file.Files.createDirectories(dir.resolve("certs")));
        certificates.issue("server", "IP:127.0.0.1", "DNS:localhost");
        int tlsPort;
        try (ServerSocket s = new ServerSocket(0)) {
            tlsPort = s.getLocalPort();
        }
        try (RedisServerFixture source = RedisServerFixture.start();
             RedisServerFixture target = RedisServerFixture.start("--tls-port", Integer.toString(tlsPort),
                     "--tls-cert-file", certificates.dir.resolve("server.crt").toString(),
                     "--tls-key-file", certificates.key("server").toString(),
                     "--tls-ca-cert-file", certificates.caCert.toString(), "--tls-auth-clients", "no")) {
            Datasets.seedEveryType(source);
            Path dump = source.save();
            RedisUri uri = RedisUri.parse("rediss://127.0.0.1:" + tlsPort);

            RestoreRefusedException refused = catchThrowableOfType(RestoreRefusedException.class,
                    () -> new RedisLoader().load(dump, uri, LoadOptions.defaults(), new LoadCounters()));
            assertThat(refused.reason()).isEqualTo(RestoreRefusedException.Reason.TARGET_UNAVAILABLE);
            assertThat(refused.getMessage()).contains("not trusted");

            PullOptions trusting = PullOptions.defaults().withTls(TlsOptions.defaults().withCaFile(certificates.caCert));
            LoadReport report = new RedisLoader(trusting, dir, RedisLoader.DEFAULT_SPILL_THRESHOLD)
                    .load(dump, uri, LoadOptions.defaults(), new LoadCounters());
            assertThat(report.failed()).isZero();
            assertThat(target.digest()).isEqualTo(source.digest());
        }
    }
}
