package dev.caravan.backup;

/** A second backup of a source was asked for while one is running. */
public final class BackupAlreadyRunningException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    BackupAlreadyRunningException(String source) {
        super("a backup of source '" + source + "' is already running; try again when it ends");
    }
}
