package dev.caravan.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/** Removing a job's staging folder once the job is over. */
final class Staging {

    private static final Logger LOG = Logger.getLogger(Staging.class);

    private Staging() {
    }

    /** Deletes {@code dir} and everything in it; a failure is logged, the job's outcome stands. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warnf("could not remove the restore staging folder %s: %s", dir, e.getMessage());
        }
    }
}
