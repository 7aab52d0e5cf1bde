package dev.caravan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The in-JVM stores from plain JUnit: started, used through their clients, stopped and cleaned up. */
class StoreResourcesTest {

    @Test
    void s3ProxyStoresAndListsObjectsInItsBucket() {
        Path dir;
        try (S3TestResource s3 = new S3TestResource()) {
            Map<String, String> config = s3.start();
            assertThat(config).containsEntry("caravan.destinations.s3.s3.endpoint", s3.endpoint().toString());
            s3.client().putObject(b -> b.bucket(S3TestResource.BUCKET).key("a/b.txt"), RequestBody.fromString("hi"));

            assertThat(s3.client().getObjectAsBytes(b -> b.bucket(S3TestResource.BUCKET).key("a/b.txt")).asUtf8String())
                    .isEqualTo("hi");
            // jclouds' filesystem store also lists the folder as an "a/" object: catalogs look for manifests only.
            assertThat(s3.client().listObjectsV2(b -> b.bucket(S3TestResource.BUCKET)).contents())
                    .extracting(S3Object::key).contains("a/b.txt");
            dir = s3.dir();
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void sshdServesItsFolderOverSftpAndWritesTheClientFiles() throws Exception {
        Path root;
        try (SftpTestResource sftp = new SftpTestResource()) {
            Map<String, String> config = sftp.start();
            assertThat(config).containsEntry("caravan.destinations.sftp-key.sftp.private-key-file",
                    sftp.privateKey().toString());
            assertThat(Files.readString(sftp.knownHosts())).startsWith("[127.0.0.1]:" + sftp.port() + " ecdsa-sha2-nistp256 ");
            assertThat(Files.readString(sftp.privateKey())).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
            root = sftp.root();
            Files.createDirectories(root.resolve("backups"));
            Files.writeString(root.resolve("backups/x.txt"), "hi");

            assertThat(sftp.list("backups")).containsExactly("x.txt");
            Path copy = Files.createTempFile("caravan-sftp-", ".txt");
            sftp.download("backups/x.txt", copy);
            assertThat(Files.readString(copy, StandardCharsets.UTF_8)).isEqualTo("hi");
            Files.delete(copy);
        }
        assertThat(root).doesNotExist();
    }
}
