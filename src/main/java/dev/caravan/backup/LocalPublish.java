package dev.caravan.backup;

import java.io.IOException;
import java.nio.file.Path;

import dev.caravan.archive.LocalPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.ExchangeProperty;

/**
 * The step of {@code direct:publish-local}: copies a staged backup into a local destination's
 * folder with {@link LocalPublisher} (temporary name, fsync, atomic rename, folder fsync, the
 * manifest last). Not camel-file: its producer renames a finished temporary file without an
 * atomic-move guarantee (it may fall back to copy and delete) and does not fsync the folder, so a
 * crash could leave a manifest whose archive is not durable.
 */
@ApplicationScoped
@Named("localPublish")
public class LocalPublish {

    private final BackupSettings settings;

    public LocalPublish(BackupSettings settings) {
        this.settings = settings;
    }

    /** One attempt; {@code direct:publish-local} retries it as the destination's {@code retry.*} says. */
    public void publish(@ExchangeProperty("request") PublishRequest request) throws IOException {
        Path root = settings.destination(request.destination()).path().orElseThrow();
        new LocalPublisher(root, settings.layout()).publish(request.manifest(), request.files());
    }
}
