package dev.caravan.service;

import dev.caravan.archive.BackupId;
import dev.caravan.backup.BackupProgress;
import dev.caravan.backup.BackupResult;

/**
 * One backup the service runs, from the moment it is accepted: its id (the backup id the archive
 * will have, chosen up front so the status URL and the archive folder carry the same name), the
 * source, what triggered it, its live progress, and once it ends its result or the reason it failed.
 */
public final class BackupJob {

    private final BackupId id;
    private final String source;
    private final String trigger;
    private final BackupProgress progress;
    private volatile BackupResult result;
    private volatile String error;

    BackupJob(BackupId id, String source, String trigger, BackupProgress progress) {
        this.id = id;
        this.source = source;
        this.trigger = trigger;
        this.progress = progress;
    }

    public BackupId id() {
        return id;
    }

    public String source() {
        return source;
    }

    /** {@code api} or {@code schedule}. */
    public String trigger() {
        return trigger;
    }

    public BackupProgress progress() {
        return progress;
    }

    /** The backup's result once it is DONE; null before, and when it FAILED. */
    public BackupResult result() {
        return result;
    }

    /** Why the backup FAILED; null otherwise. */
    public String error() {
        return error;
    }

    void done(BackupResult result) {
        this.result = result;
        progress.finished(true);
    }

    void failed(String reason) {
        this.error = reason;
        progress.finished(false);
    }
}
