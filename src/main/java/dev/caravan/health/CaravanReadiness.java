package dev.caravan.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.caravan.backup.BackupSettings;
import dev.caravan.backup.DestinationUris;
import dev.caravan.config.CaravanConfig.Destination;
import dev.caravan.config.S3Destination;
import dev.caravan.redis.PullOptions;
import dev.caravan.redis.RedisUri;
import dev.caravan.redis.SnapshotPuller;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every source answers a PING with its credentials and every destination takes files:
 * a local folder is writable, an S3 bucket answers HEAD through the publish route's own client,
 * an SFTP server accepts the login. Each item is reported as {@code UP} or {@code DOWN: reason}
 * (reasons carry no secrets). Results are kept {@value #CACHE_SECONDS} s, so frequent probes do
 * not hammer Redis or the stores.
 */
@Readiness
@ApplicationScoped
public class CaravanReadiness implements HealthCheck {

    static final long CACHE_SECONDS = 5;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final BackupSettings settings;
    private final CamelContext camel;
    private final SnapshotPuller puller = new SnapshotPuller(
            PullOptions.defaults().withConnectTimeout(PROBE_TIMEOUT).withHeaderTimeout(PROBE_TIMEOUT));
    private HealthCheckResponse cached;
    private long cachedAt;

    public CaravanReadiness(BackupSettings settings, CamelContext camel) {
        this.settings = settings;
        this.camel = camel;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAt > Duration.ofSeconds(CACHE_SECONDS).toNanos()) {
            cached = probe();
            cachedAt = now;
        }
        return cached;
    }

    private HealthCheckResponse probe() {
        Map<String, String> items = new LinkedHashMap<>();
        if (!camel.isStarted()) {
            items.put("routes", "DOWN: Camel is not started yet");
        } else {
            for (String name : settings.sourceNames()) {
                items.put("source " + name, check(() -> puller.ping(RedisUri.parse(settings.source(name).uri()))));
            }
            for (String name : settings.destinationNames()) {
                items.put("destination " + name, check(() -> probe(settings.destination(name))));
            }
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named("caravan")
                .status(items.values().stream().allMatch("UP"::equals));
        items.forEach(response::withData);
        return response.build();
    }

    private void probe(Destination destination) throws Exception {
        switch (destination.type()) {
            case LOCAL -> writable(destination.path().orElseThrow());
            case S3 -> {
                S3Destination s3 = destination.s3().orElseThrow();
                camel.getEndpoint(DestinationUris.s3(s3), AWS2S3Endpoint.class).getS3Client()
                        .headBucket(b -> b.bucket(s3.bucket()));
            }
            case SFTP -> {
                SftpEndpoint endpoint = camel.getEndpoint(DestinationUris.sftp(destination.sftp().orElseThrow()),
                        SftpEndpoint.class);
                var operations = endpoint.createRemoteFileOperations();
                try {
                    operations.connect(endpoint.getConfiguration(), null);
                } finally {
                    operations.disconnect();
                }
            }
        }
    }

    /** A file can be made in the folder, or in the nearest existing parent it will be created under. */
    private static void writable(Path folder) throws IOException {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new IOException(existing + " is not a folder");
        }
        Files.delete(Files.createTempFile(existing, ".caravan-ready-", ".tmp"));
    }

    /** The exception's message, and its root cause's when that says more ("Cannot connect": why not). */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getMessage() != null ? e.getMessage() : e.toString();
        String deep = root.getMessage() != null ? root.getMessage() : root.toString();
        return root == e || top.contains(deep) ? top : top + ": " + deep;
    }

    private interface Probe {
        void run() throws Exception;
    }

    private static String check(Probe probe) {
        try {
            probe.run();
            return "UP";
        } catch (Exception e) {
            return "DOWN: " + reason(e);
        }
    }
}
