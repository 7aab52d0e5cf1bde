package dev.caravan.backup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.caravan.archive.ArchiveLayout;
import dev.caravan.archive.Codec;
import dev.caravan.archive.Codecs;
import dev.caravan.config.CaravanConfig;
import dev.caravan.config.CaravanConfig.Destination;
import dev.caravan.config.CaravanConfig.DestinationType;
import dev.caravan.config.CaravanConfig.Policy;
import dev.caravan.config.CaravanConfig.Source;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * The backup configuration, checked as a whole at start-up where single keys cannot be (a known
 * codec, a safe prefix, a path for each local destination), so a bad setting
 * stops the application with the key's name instead of failing the first backup.
 */
@Startup
@ApplicationScoped
@Named("backupSettings")
public class BackupSettings {

    private final Map<String, Source> sources;
    private final Map<String, Destination> destinations;
    private final Codec codec;
    private final ArchiveLayout layout;
    private final Path stagingDir;
    private final Policy policy;

    public BackupSettings(CaravanConfig config) {
        CaravanConfig.Backup backup = config.backup();
        this.sources = new TreeMap<>(config.sources());
        this.destinations = new TreeMap<>(config.destinations());
        this.codec = check("caravan.backup.codec", () -> Codecs.standard().byName(backup.codec()));
        this.layout = check("caravan.backup.prefix", () -> new ArchiveLayout(backup.prefix().orElse("")));
        this.stagingDir = backup.stagingDir();
        this.policy = backup.policy();
        destinations.forEach((name, destination) -> {
            String key = "caravan.destinations." + name + ".";
            DestinationType type = destination.type();
            if (type == DestinationType.LOCAL && destination.path().isEmpty()) {
                throw new IllegalArgumentException(key + "path is required for a local destination");
            }
            if ((type == DestinationType.S3) != destination.s3().isPresent()) {
                throw new IllegalArgumentException(type == DestinationType.S3
                        ? key + "s3.* (at least s3.bucket) is required for an s3 destination"
                        : key + "s3.* is set but " + key + "type is " + type.id());
            }
            if ((type == DestinationType.SFTP) != destination.sftp().isPresent()) {
                throw new IllegalArgumentException(type == DestinationType.SFTP
                        ? key + "sftp.* (at least sftp.host and sftp.username) is required for an sftp destination"
                        : key + "sftp.* is set but " + key + "type is " + type.id());
            }
        });
    }

    /** @throws IllegalArgumentException naming the configured sources if there is no such one */
    public Source source(String name) {
        Source source = sources.get(name);
        if (source == null) {
            throw new IllegalArgumentException("no source '" + name + "' is configured (caravan.sources." + name
                    + ".uri); configured: " + String.join(", ", sources.keySet()));
        }
        return source;
    }

    /** One publish request per configured destination, in name order. */
    public List<PublishRequest> publishRequests(StagedBackup staged) {
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("no destination is configured (caravan.destinations.<name>.type)");
        }
        List<PublishRequest> requests = new ArrayList<>();
        destinations.keySet().forEach(name ->
                requests.add(new PublishRequest(name, staged.folderKey(), staged.manifest(), staged.files())));
        return requests;
    }

    /** The type of the request's destination, which names its publish route {@code direct:publish-<type>}. */
    public String destinationType(PublishRequest request) {
        return destination(request.destination()).type().id();
    }

    /** Where a destination keeps a backup, for people: a folder for a local one. */
    public String describe(String destinationName, String folderKey) {
        Destination destination = destination(destinationName);
        return destination.type() == DestinationType.LOCAL
                ? ArchiveLayout.resolveUnder(destination.path().orElseThrow(), folderKey).toString()
                : destination.type().id() + " " + folderKey;
    }

    public Destination destination(String name) {
        Destination destination = destinations.get(name);
        if (destination == null) {
            throw new IllegalArgumentException("no destination '" + name + "' is configured");
        }
        return destination;
    }

    public Codec codec() {
        return codec;
    }

    public ArchiveLayout layout() {
        return layout;
    }

    public Path stagingDir() {
        return stagingDir;
    }

    public Policy policy() {
        return policy;
    }

    private static <T> T check(String key, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }
}
