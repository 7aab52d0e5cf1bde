package dev.caravan.restore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import dev.caravan.archive.CatalogEntry;
import dev.caravan.config.CaravanConfig;
import dev.caravan.restore.RestoreRefusedException.Reason;

/**
 * What a trigger checks before it accepts a restore and starts a job, so a request that cannot
 * run is answered at once (HTTP 4xx, a dead letter, a {@code failed/} file) and leaves nothing
 * behind: the request itself, a target it can name, no other restore into that target, the
 * destination it names, and a backup to restore (by listing catalogs, which reads manifests
 * only; a backup only at a destination that cannot be listed now could not be fetched either).
 * The restore route checks all of this again when it runs.
 */
@ApplicationScoped
@Named("restorePreflight")
public class RestorePreflight {

    private static final Logger LOG = Logger.getLogger(RestorePreflight.class);

    private final CaravanConfig config;
    private final ArchiveStores stores;
    private final RestoreGuard guard;
    private final RestoreJobs jobs;

    public RestorePreflight(CaravanConfig config, ArchiveStores stores, RestoreGuard guard, RestoreJobs jobs) {
        this.config = config;
        this.stores = stores;
        this.guard = guard;
        this.jobs = jobs;
    }

    /**
     * Checks a request and registers its job, which holds the target until the job finishes.
     *
     * @throws RestoreRefusedException saying what is wrong; no job is registered then
     */
    public RestoreJob accept(RestoreRequest request) {
        RestoreRequests.check(request);
        RestoreTarget target = targetOf(request);
        if (guard.busy(target)) {
            throw busy(target);
        }
        checkBackupsExist(request);
        return jobs.create(target.key()).orElseThrow(() -> busy(target));
    }

    /** Registers the job of an archive dropped into the inbox, into {@code target}. */
    public RestoreJob acceptFile(String target) {
        RestoreTarget parsed = RestoreTarget.parse(target);
        if (guard.busy(parsed)) {
            throw busy(parsed);
        }
        return jobs.create(parsed.key()).orElseThrow(() -> busy(parsed));
    }

    private static RestoreRefusedException busy(RestoreTarget target) {
        return new RestoreRefusedException(Reason.CONFLICT, "a restore into " + target
                + " is already queued or running; wait for it to finish (GET /api/restores/{id}) and try again");
    }

    /** As the restore route resolves it, confined to {@code caravan.restore.file-dir} for a file. */
    RestoreTarget targetOf(RestoreRequest request) {
        RestoreTarget target = RestoreTarget.parse(RestorePlanner.targetOf(request, config));
        if (target instanceof RestoreTarget.File file) {
            checkFileTarget(file.path(), config.restore().fileDir());
        }
        return target;
    }

    /**
     * A trigger of the service writes files only inside {@code caravan.restore.file-dir}: a request
     * from the network must not choose any path the process may write.
     */
    static void checkFileTarget(Path file, Optional<Path> fileDir) {
        if (fileDir.isEmpty()) {
            throw new RestoreRefusedException(Reason.INVALID_REQUEST, "the service restores into files only when"
                    + " caravan.restore.file-dir names the folder they go into; set it, or restore to a file with the"
                    + " CLI (restore --to file:PATH)");
        }
        Path dir = fileDir.get().toAbsolutePath().normalize();
        if (!file.startsWith(dir) || file.equals(dir)) {
            throw new RestoreRefusedException(Reason.INVALID_REQUEST, "\"target\" " + RestoreTarget.FILE_SCHEME + file
                    + " is outside caravan.restore.file-dir (" + dir + "); give a path inside it");
        }
    }

    private void checkBackupsExist(RestoreRequest request) {
        List<String> names;
        if (request.from() != null) {
            if (!stores.names().contains(request.from())) {
                throw new RestoreRefusedException(Reason.NOT_FOUND, "no destination '" + request.from()
                        + "' is configured; configured: " + String.join(", ", stores.names()));
            }
            names = List.of(request.from());
        } else {
            names = stores.names();
        }
        for (String id : request.backupList()) {
            List<String> unreachable = new ArrayList<>();
            if (!found(request.source(), id, names, unreachable)) {
                throw new RestoreRefusedException(Reason.NOT_FOUND, (RestoreRequest.LATEST.equals(id)
                        ? "no complete backup of source '" + request.source() + "'"
                        : "no complete backup " + id + " of source '" + request.source() + "'")
                        + " at " + (request.from() != null ? "destination '" + request.from() + "'"
                                : "any destination (" + String.join(", ", names) + ")")
                        + (unreachable.isEmpty() ? "" : "; could not be listed: " + String.join(", ", unreachable))
                        + "; list the backups and check the source name and id");
            }
        }
    }

    /** True if a store that could be listed holds the backup; the others are added to {@code unreachable}. */
    private boolean found(String source, String id, List<String> names, List<String> unreachable) {
        for (String name : names) {
            Optional<List<CatalogEntry>> entries = list(name, source, unreachable);
            if (entries.isPresent() && entries.get().stream()
                    .anyMatch(e -> RestoreRequest.LATEST.equals(id) || e.id().toString().equals(id))) {
                return true;
            }
        }
        return false;
    }

    private Optional<List<CatalogEntry>> list(String name, String source, List<String> unreachable) {
        try {
            return Optional.of(stores.store(name).list(source));
        } catch (Exception e) {
            LOG.debugf("preflight: destination %s could not be listed: %s", name, e.getMessage());
            unreachable.add(name);
            return Optional.empty();
        }
    }
}
