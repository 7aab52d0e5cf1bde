package dev.caravan.service;

/** A backup the service will not start or a status it cannot give; the message says why and what to do. */
public final class BackupRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why, which the HTTP API answers as 400, 404 and 409. */
    public enum Kind { INVALID, UNKNOWN, ALREADY_RUNNING }

    private final Kind kind;

    public BackupRefusedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
