package dev.caravan.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Everything a whole backup touches, for real: a redis-server seeded with every type in several
 * dbs, TTLs and one key over 100 MB, read by two sources ({@code sync} and {@code scan}, one per
 * mode), and three destinations at once: S3 (S3Proxy), SFTP (MINA SSHD, password) and a local
 * folder, policy {@code all}.
 *
 * <p>A {@code @QuarkusMainTest} starts its resources for each launch and stops them after it, but
 * the test reads the copies back after the launch: so the servers outlive {@link #stop()} and are
 * closed when the JVM exits. What the test needs to reach them is in system properties (not under
 * {@code caravan.}): the resource and the test are loaded by different class loaders.
 */
public class EndToEndResource implements QuarkusTestResourceLifecycleManager {

    /** Over 100 MB, incompressible, so its DUMP is as big as the value. */
    public static final int BIG_KEY_BYTES = 101 * 1024 * 1024;
    public static final String BIG_KEY = "big:key";
    public static final int BIG_KEY_DB = 3;

    private static final String P = "e2e.";

    @Override
    public Map<String, String> start() {
        RedisServerFixture redis = RedisServerFixture.start();
        S3TestResource s3 = new S3TestResource();
        SftpTestResource sftp = new SftpTestResource();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            s3.close();
            sftp.close();
            redis.close();
        }));
        Datasets.seedEveryType(redis);
        Datasets.seedBulk(redis, 20_000, 1_000_000);
        try (RespConnection c = redis.connect()) {
            byte[] big = new byte[BIG_KEY_BYTES];
            new Random(7).nextBytes(big);
            c.call("SELECT", Integer.toString(BIG_KEY_DB));
            c.call("SET", BIG_KEY, big);
            c.call("SET", "db3:expiring", "v", "PX", "86400000");
        }
        Map<String, String> config = new HashMap<>(s3.start());
        sftp.start().forEach((key, value) -> {
            if (key.startsWith("caravan.destinations." + SftpTestResource.PASSWORD_DESTINATION + ".")) {
                config.put(key, value);
            }
        });
        Path local;
        try {
            local = Files.createTempDirectory("caravan-e2e-local-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        config.put("caravan.destinations.local.type", "local");
        config.put("caravan.destinations.local.path", local.toString());
        config.put("caravan.backup.policy", "all");
        config.put("caravan.backup.staging-dir", local.resolveSibling(local.getFileName() + "-staging").toString());
        config.put("caravan.sources.sync.uri", redis.uri());
        config.put("caravan.sources.scan.uri", redis.uri());
        config.put("caravan.sources.scan.mode", "scan");

        System.setProperty(P + "digest", redis.digest());
        System.setProperty(P + "dbs", redis.info("keyspace"));
        System.setProperty(P + "s3.endpoint", s3.endpoint().toString());
        System.setProperty(P + "s3.access-key", s3.accessKey());
        System.setProperty(P + "s3.secret-key", s3.secretKey());
        System.setProperty(P + "sftp.port", Integer.toString(sftp.port()));
        System.setProperty(P + "sftp.password", sftp.password());
        return config;
    }

    @Override
    public void stop() {
        // the test reads the copies after the launch: the servers close at JVM exit
    }

    /** The source's {@code DEBUG DIGEST} when the resource started. */
    public static String digest() {
        return System.getProperty(P + "digest");
    }

    /** The source's {@code INFO keyspace} when the resource started. */
    public static String keyspace() {
        return System.getProperty(P + "dbs");
    }

    public static software.amazon.awssdk.services.s3.S3Client s3Client() {
        return software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(java.net.URI.create(System.getProperty(P + "s3.endpoint")))
                .forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.of(S3TestResource.REGION))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                System.getProperty(P + "s3.access-key"), System.getProperty(P + "s3.secret-key"))))
                .build();
    }

    /** Downloads a file from the SFTP destination's server. */
    public static void sftpDownload(String file, Path to) throws java.io.IOException {
        SftpTestResource.download(Integer.parseInt(System.getProperty(P + "sftp.port")),
                System.getProperty(P + "sftp.password"), file, to);
    }
}
