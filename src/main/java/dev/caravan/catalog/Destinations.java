package dev.caravan.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

import dev.caravan.config.CaravanConfig;
import dev.caravan.config.S3Destination;
import dev.caravan.config.SftpDestination;

/** A configured destination's settings by name, with the error a caller can show. */
@ApplicationScoped
public class Destinations {

    private final CaravanConfig config;

    public Destinations(CaravanConfig config) {
        this.config = config;
    }

    public S3Destination s3(String name) {
        return destination(name).s3().orElseThrow(() -> notOfType(name, "s3"));
    }

    public SftpDestination sftp(String name) {
        return destination(name).sftp().orElseThrow(() -> notOfType(name, "sftp"));
    }

    public CaravanConfig.Destination destination(String name) {
        return Optional.ofNullable(config.destinations().get(name))
                .orElseThrow(() -> new IllegalArgumentException("no destination named " + name
                        + " is configured (caravan.destinations." + name + ".*)"));
    }

    private static IllegalArgumentException notOfType(String name, String type) {
        return new IllegalArgumentException("destination " + name + " has no caravan.destinations." + name + "."
                + type + ".* settings");
    }
}
