package dev.caravan.redis;

import java.io.IOException;

/**
 * Why a snapshot could not be pulled, in words an operator can act on.
 *
 * <p>It is an {@link IOException} so that the payload stream can throw it from {@code read()}
 * (a truncated transfer, an idle time-out) as well as {@link SnapshotPuller#pull} before the
 * transfer starts. The {@link #kind()} lets a caller react without parsing the message, e.g. fall
 * back to {@code mode=scan} on {@link Kind#NOT_PERMITTED}. Messages name the server by its
 * {@linkplain RedisUri#redacted() redacted} URI and never contain a password.
 */
public final class SnapshotException extends IOException {

    /** What went wrong, coarsely. */
    public enum Kind {
        /** The URI or options cannot work (e.g. a missing CA file). */
        CONFIGURATION,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** Nothing listens on the port, or the network refused the connection. */
        CONNECTION_REFUSED,
        /** A phase took longer than its time-out. */
        TIMEOUT,
        /** The TLS handshake failed: untrusted or mismatching certificate, or not a TLS port. */
        TLS,
        /** The server wants a password and none was given. */
        AUTH_REQUIRED,
        /** Wrong password, unknown user, or a disabled user. */
        AUTH_FAILED,
        /** The ACL user may not run a replication command. */
        NOT_PERMITTED,
        /** The server cannot serve a snapshot now (loading, replica without master link, …). */
        SERVER_REFUSED,
        /** The server answered something this client does not understand. */
        PROTOCOL,
        /** The connection ended before the whole snapshot arrived. */
        TRUNCATED,
        /** Any other I/O failure. */
        IO
    }

    private static final long serialVersionUID = 1L;

    private final Kind kind;

    public SnapshotException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SnapshotException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
