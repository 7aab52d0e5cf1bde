package dev.caravan.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import dev.caravan.archive.ArchiveLayout;
import dev.caravan.archive.BackupId;
import dev.caravan.archive.CatalogEntry;
import dev.caravan.archive.Codec;
import dev.caravan.archive.Codecs;
import dev.caravan.archive.Manifest;
import dev.caravan.archive.ManifestFile;
import dev.caravan.archive.ManifestReader;
import dev.caravan.archive.Sha256;
import dev.caravan.backup.BackupSettings;
import dev.caravan.config.CaravanConfig;
import dev.caravan.restore.RestoreRefusedException.Reason;

/**
 * Finds the requested backups at the destinations and fetches their archives into the job's
 * staging folder, checking each one's size and SHA-256 against its manifest while it streams in,
 * on a thread of its own that the verify pass reads behind (a hard-linked local archive's SHA-256
 * is the verify pass's to check).
 * Without {@code from}, destinations are tried in name order (as {@code backup} publishes) and the
 * first reachable one that holds a backup serves it; {@code latest} is the newest backup any
 * reachable destination holds. Ids are parsed by {@link BackupId#parse} and every key comes from
 * {@link ArchiveLayout}, so no request can make a key that leaves the source's folder.
 */
@ApplicationScoped
@Named("restoreFetcher")
public class RestoreFetcher {

    /** A manifest is a few KiB; anything near this is not one. */
    static final int MANIFEST_LIMIT = 16 * 1024 * 1024;
    private static final int BUFFER = 256 * 1024;

    private final ArchiveStores stores;
    private final ArchiveLayout layout;
    private final CaravanConfig config;

    public RestoreFetcher(ArchiveStores stores, BackupSettings settings, CaravanConfig config) {
        this.stores = stores;
        this.layout = settings.layout();
        this.config = config;
    }

    /** The route's step: every requested backup located, its manifest read, its archives staged and checked. */
    public void fetch(RestorePlan plan) {
        RestoreJob job = plan.job();
        job.enter(RestoreJob.Phase.FETCHING, 0);
        RestoreRequest request = plan.request();
        List<String> order = order(request);
        List<Located> located = new ArrayList<>();
        for (String id : request.backupList()) {
            located.add(locate(request.source(), id, order));
        }
        long total = located.stream().flatMap(l -> l.manifest.files().stream()).mapToLong(ManifestFile::size).sum();
        job.enter(RestoreJob.Phase.FETCHING, total);
        for (Located backup : located) {
            List<RestorePlan.Archive> archives = new ArrayList<>();
            for (ManifestFile file : backup.manifest.files()) {
                archives.add(stage(plan, backup, file));
            }
            plan.backups().add(new RestorePlan.Backup(backup.id.toString(), backup.store.destination(),
                    backup.manifest, archives));
        }
        plan.downloads().start();
    }

    private List<String> order(RestoreRequest request) {
        List<String> names = stores.names();
        if (names.isEmpty()) {
            throw new RestoreRefusedException(Reason.NOT_FOUND, "no destination is configured"
                    + " (caravan.destinations.<name>.type), so there are no backups to restore");
        }
        if (request.from() == null) {
            return names;
        }
        if (!names.contains(request.from())) {
            throw new RestoreRefusedException(Reason.NOT_FOUND, "no destination '" + request.from()
                    + "' is configured; configured destinations: " + String.join(", ", names));
        }
        return List.of(request.from());
    }

    private record Located(BackupId id, ArchiveStore store, Manifest manifest) {
    }

    private Located locate(String source, String idText, List<String> order) {
        Map<String, String> unreachable = new LinkedHashMap<>();
        if (RestoreRequest.LATEST.equals(idText)) {
            CatalogEntry newest = null;
            ArchiveStore holder = null;
            for (String name : order) {
                ArchiveStore store = stores.store(name);
                try {
                    Optional<CatalogEntry> latest = store.list(source).stream().findFirst();
                    if (latest.isPresent() && (newest == null || latest.get().id().compareTo(newest.id()) > 0)) {
                        newest = latest.get();
                        holder = store;
                    }
                } catch (IOException | RuntimeException e) {
                    unreachable.put(name, reason(e));
                }
            }
            if (newest == null) {
                throw notFound(source, "no backup of source '" + source + "'", order, unreachable);
            }
            return new Located(newest.id(), holder, readManifest(holder, source, newest.id()));
        }
        BackupId id;
        try {
            id = BackupId.parse(idText);
        } catch (IllegalArgumentException e) {
            throw new RestoreRefusedException(Reason.INVALID_REQUEST, e.getMessage() + ", or latest");
        }
        for (String name : order) {
            ArchiveStore store = stores.store(name);
            byte[] json;
            try {
                json = manifestBytes(store, source, id);
            } catch (NoSuchFileException absent) {
                continue;
            } catch (IOException | RuntimeException e) {
                unreachable.put(name, reason(e));
                continue;
            }
            return new Located(id, store, parseManifest(store, source, id, json));
        }
        throw notFound(source, "no backup " + id + " of source '" + source + "'", order, unreachable);
    }

    /** NOT_FOUND naming what there is, or SOURCE_UNAVAILABLE when no destination could be asked. */
    private RestoreRefusedException notFound(String source, String what, List<String> order,
            Map<String, String> unreachable) {
        String failures = unreachable.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
        if (unreachable.size() == order.size()) {
            return new RestoreRefusedException(Reason.SOURCE_UNAVAILABLE, what + " could be looked for: no destination"
                    + " could be read (" + failures + ")");
        }
        StringBuilder message = new StringBuilder(what).append(" at ").append(order.size() == 1 ? "destination " : "destinations ")
                .append(String.join(", ", order));
        List<String> existing = new ArrayList<>();
        for (String name : order) {
            if (unreachable.containsKey(name)) {
                continue;
            }
            try {
                stores.store(name).list(source).stream().limit(5)
                        .forEach(e -> existing.add(e.id() + " (" + name + ")"));
            } catch (IOException | RuntimeException e) {
                unreachable.put(name, reason(e));
            }
        }
        message.append(existing.isEmpty() ? "; source '" + source + "' has no backups there"
                : "; newest backups: " + String.join(", ", existing));
        if (!config.sources().containsKey(source)) {
            message.append("; configured sources: ").append(String.join(", ", config.sources().keySet()));
        }
        if (!unreachable.isEmpty()) {
            message.append("; not reachable: ").append(failures);
        }
        return new RestoreRefusedException(Reason.NOT_FOUND, message.toString());
    }

    private Manifest readManifest(ArchiveStore store, String source, BackupId id) {
        byte[] json;
        try {
            json = manifestBytes(store, source, id);
        } catch (IOException | RuntimeException e) {
            throw new RestoreRefusedException(Reason.SOURCE_UNAVAILABLE, "cannot read the manifest of backup " + id
                    + " at destination " + store.destination() + ": " + reason(e), e);
        }
        return parseManifest(store, source, id, json);
    }

    /** A manifest's bytes, up to one more than the limit ({@link NoSuchFileException} where there is none). */
    private byte[] manifestBytes(ArchiveStore store, String source, BackupId id) throws IOException {
        try (InputStream in = store.open(layout.manifestKey(source, id))) {
            return in.readNBytes(MANIFEST_LIMIT + 1);
        }
    }

    private static Manifest parseManifest(ArchiveStore store, String source, BackupId id, byte[] json) {
        if (json.length > MANIFEST_LIMIT) {
            throw corrupt(store, id, "its manifest is larger than " + MANIFEST_LIMIT + " bytes");
        }
        Manifest manifest;
        try {
            manifest = ManifestReader.read(json);
        } catch (IOException e) {
            throw corrupt(store, id, e.getMessage());
        }
        if (!manifest.id().equals(id) || !manifest.source().name().equals(source)) {
            throw corrupt(store, id, "its manifest describes backup " + manifest.id() + " of source '"
                    + manifest.source().name() + "'");
        }
        return manifest;
    }

    /**
     * Stages one archive. An archive of a local destination on staging's file system is hard-linked,
     * and only its size checked here: staging takes no space and no write for it, and the verify
     * pass hashes it on a thread beside its parse ({@link ArchiveHash}). Any other is downloaded on
     * the plan's fetch thread ({@link ArchiveDownloads}, started by {@link #fetch} once every
     * archive is queued), which checks its size and SHA-256 as it streams in while the verify pass
     * reads it ({@link ArchiveDownload}).
     */
    private RestorePlan.Archive stage(RestorePlan plan, Located backup, ManifestFile file) {
        String key = layout.backupFolder(backup.manifest.source().name(), backup.id) + "/" + file.file();
        Path staged = ArchiveLayout.resolveUnder(plan.stagingDir(), backup.id + "/" + file.file());
        Codec codec = Codecs.standard().byName(file.codec());
        boolean linked;
        long size = 0;
        try {
            Files.createDirectories(staged.getParent());
            // Never write through a link an earlier run left: it would write into the published archive.
            Files.deleteIfExists(staged);
            linked = backup.store.linkTo(key, staged);
            if (linked) {
                size = Files.size(staged);
            } else {
                Files.createFile(staged);
            }
        } catch (IOException | RuntimeException e) {
            throw fetchFailure(backup, file, e);
        }
        if (!linked) {
            ArchiveDownload download = new ArchiveDownload(staged);
            plan.downloads().add(download, (into, downloads) -> download(backup, file, key, into, downloads));
            return new RestorePlan.Archive(file.file(), codec, staged, file, false, download);
        }
        plan.job().addBytes(size);
        plan.addFetched(size);
        checkSize(backup, file, size);
        return new RestorePlan.Archive(file.file(), codec, staged, file, true);
    }

    /** On the fetch thread: streams the archive into its staged file, hashing and counting as it goes. */
    private static void download(Located backup, ManifestFile file, String key, ArchiveDownload into,
            ArchiveDownloads downloads) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        long size = 0;
        try (InputStream in = backup.store.open(key); OutputStream out = Files.newOutputStream(into.path())) {
            downloads.reading(in);
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                downloads.stopIfClosed();
                size += n;
                if (size > file.size()) {
                    throw longer(backup, file);
                }
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
                into.wrote(n);
            }
        } catch (IOException | RuntimeException e) {
            downloads.stopIfClosed();
            throw fetchFailure(backup, file, e);
        }
        checkSize(backup, file, size);
        String actual = Sha256.hex(sha256);
        if (!actual.equals(file.sha256())) {
            throw corrupt(backup.store, backup.id, RestoreVerifier.shaMismatch(file, actual));
        }
    }

    private static RestoreRefusedException fetchFailure(Located backup, ManifestFile file, Exception e) {
        if (e instanceof RestoreRefusedException refused) {
            return refused;
        }
        if (e instanceof NoSuchFileException) {
            return corrupt(backup.store, backup.id, file.file() + " is missing although the manifest lists it");
        }
        return new RestoreRefusedException(Reason.SOURCE_UNAVAILABLE, "fetching " + file.file() + " of backup "
                + backup.id + " from destination " + backup.store.destination() + " failed: " + reason(e), e);
    }

    private static void checkSize(Located backup, ManifestFile file, long size) {
        if (size > file.size()) {
            throw longer(backup, file);
        }
        if (size != file.size()) {
            throw corrupt(backup.store, backup.id, file.file() + " has " + size + " bytes, its manifest gives "
                    + file.size() + " (truncated?)");
        }
    }

    private static RestoreRefusedException longer(Located backup, ManifestFile file) {
        return corrupt(backup.store, backup.id, file.file() + " is longer than the " + file.size()
                + " bytes its manifest gives");
    }

    private static RestoreRefusedException corrupt(ArchiveStore store, BackupId id, String why) {
        return new RestoreRefusedException(Reason.CORRUPT_ARCHIVE, "backup " + id + " at destination "
                + store.destination() + " failed its check, nothing was loaded: " + why);
    }

    static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
