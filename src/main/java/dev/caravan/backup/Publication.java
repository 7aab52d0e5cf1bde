package dev.caravan.backup;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.File;
import java.util.List;
import java.util.Set;

import dev.caravan.config.PublishRetry;

/**
 * One publish in progress at one destination, kept on the exchange (property {@code publication})
 * while the route loops over attempts: what to upload where, the retry policy, the attempts made
 * and the last failure. Its getters are what the route's expressions read.
 */
@RegisterForReflection
public final class Publication {

    /** One archive to store under {@code key}, with the size the store must report afterwards. */
    @RegisterForReflection
    public record Upload(String key, File file, long size) {
    }

    private final PublishRequest request;
    private final String uri;
    private final List<Upload> archives;
    private final String manifestKey;
    private final byte[] manifest;
    private final PublishRetry retry;
    private final Set<String> secrets;
    private int attempts;
    private String error;
    private boolean done;

    Publication(PublishRequest request, String uri, List<Upload> archives, String manifestKey, byte[] manifest,
            PublishRetry retry, Set<String> secrets) {
        this.request = request;
        this.uri = uri;
        this.archives = List.copyOf(archives);
        this.manifestKey = manifestKey;
        this.manifest = manifest;
        this.retry = retry;
        this.secrets = Set.copyOf(secrets);
    }

    /** The endpoint URI (it may hold credentials: never log it). */
    public String uri() {
        return uri;
    }

    public List<Upload> archives() {
        return archives;
    }

    public String manifestKey() {
        return manifestKey;
    }

    public byte[] manifest() {
        return manifest;
    }

    public Upload manifestUpload() {
        return new Upload(manifestKey, null, manifest.length);
    }

    /** True until an attempt succeeded or the attempts are used up. */
    public boolean pending() {
        return !done && attempts < retry.attempts();
    }

    /** How long to wait before the next attempt: nothing before the first. */
    public long backOffMillis() {
        if (attempts == 0) {
            return 0;
        }
        double millis = retry.delay().toMillis() * Math.pow(retry.multiplier(), attempts - 1);
        return (long) Math.min(millis, retry.maxDelay().toMillis());
    }

    void startAttempt() {
        attempts++;
        error = null;
    }

    void succeeded() {
        done = true;
    }

    void failed(String reason) {
        String scrubbed = reason;
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, "***");
        }
        error = scrubbed;
    }

    public PublishResult result() {
        if (done) {
            long bytes = manifest.length + archives.stream().mapToLong(Upload::size).sum();
            return PublishResult.ok(request.destination(), attempts, bytes);
        }
        return PublishResult.failed(request.destination(), attempts,
                error == null ? "not attempted" : error + " (after " + attempts + " attempt"
                        + (attempts == 1 ? "" : "s") + ")");
    }
}
