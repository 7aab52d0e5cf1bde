package dev.caravan.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import dev.caravan.config.S3Destination;
import dev.caravan.config.SftpDestination;

class DestinationUrisTest {

    @Test
    void s3WithAnEndpointKeysAndEncryption() {
        String uri = DestinationUris.s3(new S3(Optional.of("ak"), Optional.of("s&k)"), S3Destination.Encryption.KMS));

        assertThat(uri).startsWith("aws2-s3://bucket?")
                .contains("multiPartUpload=true", "partSize=5242880", "region=eu-west-1", "overrideEndpoint=true",
                        "uriEndpointOverride=RAW(http://127.0.0.1:9000)", "forcePathStyle=true",
                        "accessKey=RAW(ak)", "secretKey=RAW(s&k))", "storageClass=STANDARD_IA", "useAwsKMS=true",
                        "awsKMSKeyId=RAW(key-1)", "autoCreateBucket=false")
                .doesNotContain("useDefaultCredentialsProvider");
    }

    @Test
    void s3WithoutKeysUsesTheDefaultChain() {
        String uri = DestinationUris.s3(new S3(Optional.empty(), Optional.empty(), S3Destination.Encryption.S3));

        assertThat(uri).contains("useDefaultCredentialsProvider=true", "useSSES3=true").doesNotContain("accessKey");
    }

    @Test
    void s3WithHalfTheKeysIsRefused() {
        assertThatThrownBy(() -> DestinationUris.s3(new S3(Optional.of("ak"), Optional.empty(),
                S3Destination.Encryption.NONE)))
                .hasMessageContaining("both access-key and secret-key");
    }

    @Test
    void sftpChecksHostKeysWritesUnderATemporaryNameAndLeavesRetriesToTheRoute() {
        String uri = DestinationUris.sftp(new Sftp(Optional.of("pw"), true, "/srv/backups"));

        assertThat(uri).startsWith("sftp://example.org:2222//srv/backups?")
                .contains("username=RAW(caravan)", "password=RAW(pw)", "knownHostsFile=RAW(/etc/caravan/known_hosts)",
                        "useUserKnownHostsFile=false", "strictHostKeyChecking=yes", "binary=true", "autoCreate=true",
                        "tempFileName=RAW(${file:onlyname}.part)", "maximumReconnectAttempts=0");
    }

    @Test
    void sftpInTheLoginFolderWithoutStrictChecking() {
        assertThat(DestinationUris.sftp(new Sftp(Optional.of("pw"), false, ".")))
                .startsWith("sftp://example.org:2222?").contains("strictHostKeyChecking=no");
    }

    @Test
    void sftpWithoutPasswordOrKeyIsRefused() {
        assertThatThrownBy(() -> DestinationUris.sftp(new Sftp(Optional.empty(), true, ".")))
                .hasMessageContaining("a password or a private-key-file");
    }

    private record S3(Optional<String> accessKey, Optional<String> secretKey, Encryption serverSideEncryption)
            implements S3Destination {
        public String bucket() {
            return "bucket";
        }


        public Optional<String> region() {
            return Optional.of("eu-west-1");
        }

        public Optional<URI> endpoint() {
            return Optional.of(URI.create("http://127.0.0.1:9000"));
        }

        public boolean pathStyle() {
            return true;
        }

        public Optional<String> storageClass() {
            return Optional.of("STANDARD_IA");
        }

        public Optional<String> kmsKeyId() {
            return Optional.of("key-1");
        }

        public MemorySize partSize() {
            return new MemorySize(BigInteger.valueOf(5L * 1024 * 1024));
        }
    }

    private record Sftp(Optional<String> password, boolean strictHostKeyChecking, String directory)
            implements SftpDestination {
        public String host() {
            return "example.org";
        }

        public int port() {
            return 2222;
        }

        public String username() {
            return "caravan";
        }

        public Optional<Path> privateKeyFile() {
            return Optional.empty();
        }

        public Optional<String> privateKeyPassphrase() {
            return Optional.empty();
        }

        public Optional<Path> knownHostsFile() {
            return Optional.of(Path.of("/etc/caravan/known_hosts"));
        }

    }
}
