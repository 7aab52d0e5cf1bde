package dev.caravan.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * The last step of a backup: weighs the copies against the policy, logs the outcome and removes
 * the staging folder, whose files are now at the destinations (or, if none took them, were
 * not enough to keep: the snapshot can be pulled again).
 */
@ApplicationScoped
@Named("backupVerdict")
public class BackupVerdict {

    private static final Logger LOG = Logger.getLogger(BackupVerdict.class);

    private final BackupSettings settings;

    public BackupVerdict(BackupSettings settings) {
        this.settings = settings;
    }

    public BackupResult result(StagedBackup staged, List<PublishResult> copies) {
        List<PublishResult> sorted = new ArrayList<>(copies);
        sorted.sort(Comparator.comparing(PublishResult::destination));
        List<String> locations = sorted.stream()
                .map(c -> settings.describe(c.destination(), staged.folderKey()))
                .toList();
        boolean met = BackupResult.met(settings.policy(), sorted);
        BackupResult result = new BackupResult(staged.manifest(), settings.policy(), met, sorted, locations,
                staged.pullMillis(), staged.vanishedKeys());
        sorted.forEach(c -> {
            if (c.ok()) {
                LOG.infof("backup %s copied to %s in %d attempt(s)", staged.manifest().id(), c.destination(),
                        c.attempts());
            } else {
                LOG.warnf("backup %s not copied to %s after %d attempt(s): %s", staged.manifest().id(),
                        c.destination(), c.attempts(), c.error());
            }
        });
        removeTree(staged.stagingDir());
        return result;
    }

    private static void removeTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            // The copies are published; a leftover staging folder is only untidy.
            LOG.warnf("cannot remove the staging folder %s: %s", dir, e.getMessage());
        }
    }
}
