package dev.caravan.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 server in the test JVM: S3Proxy over jclouds' filesystem blob store in a temp folder, on
 * a free port, with V2/V4 signatures checked against a generated key pair and one bucket created.
 * Usable from plain JUnit ({@link #start()}, {@link #client()}, {@link #close()}) and as a Quarkus
 * test resource, which configures the destination {@value #DESTINATION}. {@link #stopServer()}
 * and {@link #restartServer()} take the store away and bring it back on the same port and data.
 */
public final class S3TestResource implements QuarkusTestResourceLifecycleManager, AutoCloseable {

    public static final String DESTINATION = "s3";
    public static final String BUCKET = "backups";
    public static final String REGION = "us-east-1";
    /** Every key of the destination starts with {@code caravan/}. */
    public static final String PREFIX = "caravan";

    /** The instance Quarkus started, for tests that need the client or to stop the server. */
    private static volatile S3TestResource current;

    private final String accessKey = "caravan-" + Long.toHexString(System.nanoTime());
    private final String secretKey = "secret-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private Path dir;
    private BlobStoreContext context;
    private S3Proxy proxy;
    private int port;
    private S3Client client;

    public static S3TestResource current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        // AWS SDK 2.30+ adds a CRC32 trailer to every upload by default (aws-chunked with
        // x-amz-trailer), which S3Proxy 2.7 does not decode (501, then a SHA-256 mismatch), like
        // other S3-compatible stores of its age. The SDK's own setting turns that back into
        // checksums only where an operation requires them; in production it is the environment
        // variable AWS_REQUEST_CHECKSUM_CALCULATION=when_required. JVM-wide, read when a client
        // is built, so set before Quarkus (and Camel's clients) start.
        System.setProperty("aws.requestChecksumCalculation", "when_required");
        System.setProperty("aws.responseChecksumValidation", "when_required");
        try {
            dir = Files.createTempDirectory("caravan-s3proxy-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toString());
        context = ContextBuilder.newBuilder("filesystem")
                .credentials("identity", "credential")
                .overrides(properties)
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, BUCKET);
        startProxy(0);
        current = this;
        String prefix = "caravan.destinations." + DESTINATION + ".";
        return Map.ofEntries(
                // The same settings for a packaged application that an integration test launches.
                Map.entry("aws.requestChecksumCalculation", "when_required"),
                Map.entry("aws.responseChecksumValidation", "when_required"),
                Map.entry(prefix + "type", "s3"),
                Map.entry(prefix + "s3.bucket", BUCKET),
                Map.entry(prefix + "s3.region", REGION),
                Map.entry("caravan.backup.prefix", PREFIX),
                Map.entry(prefix + "s3.endpoint", endpoint().toString()),
                Map.entry(prefix + "s3.path-style", "true"),
                Map.entry(prefix + "s3.access-key", accessKey),
                Map.entry(prefix + "s3.secret-key", secretKey),
                Map.entry(prefix + "s3.part-size", "5M"),
                Map.entry(prefix + "retry.attempts", "3"),
                Map.entry(prefix + "retry.delay", "100ms"));
    }

    private void startProxy(int onPort) {
        BlobStore blobStore = context.getBlobStore();
        proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + onPort))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        port = proxy.getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The folder the blob store keeps the bucket in. */
    public Path dir() {
        return dir;
    }

    /** A client of the running server, path-style, with the resource's credentials. */
    public synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(endpoint())
                    .forcePathStyle(true)
                    .region(Region.of(REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                            secretKey)))
                    .build();
        }
        return client;
    }

    public void stopServer() throws Exception {
        proxy.stop();
    }

    /** Serves the same data on the same port again. */
    public void restartServer() {
        startProxy(port);
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        try {
            if (client != null) {
                client.close();
            }
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            if (context != null) {
                context.close();
            }
            deleteTree(dir);
            if (current == this) {
                current = null;
            }
        }
    }

    public static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
