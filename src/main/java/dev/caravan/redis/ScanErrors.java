package dev.caravan.redis;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;

/**
 * Lettuce's exceptions in scan mode as the {@link SnapshotException}s the replication client
 * throws, with the same kinds and the same advice, so an operator reads one set of messages
 * whatever the mode. Messages name the server by its redacted URI; server text that could echo a
 * password is not passed on.
 */
final class ScanErrors {

    private final RedisUri uri;
    private final PullOptions options;
    private final String user;

    ScanErrors(RedisUri uri, PullOptions options) {
        this.uri = uri;
        this.options = options;
        this.user = uri.user().orElse("default");
    }

    /** Connecting, the TLS handshake and logging in. */
    SnapshotException connecting(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RedisCommandExecutionException refused) {
                return reply("AUTH", refused);
            }
            if (t instanceof UnknownHostException) {
                return new SnapshotException(SnapshotException.Kind.UNKNOWN_HOST, "unknown host '" + uri.host()
                        + "' in " + uri + ": check the host name and DNS", e);
            }
            if (t instanceof SSLHandshakeException handshake) {
                return new SnapshotException(SnapshotException.Kind.TLS, SnapshotPuller.tlsAdvice(handshake, uri), e);
            }
            if (t instanceof SSLException) {
                return new SnapshotException(SnapshotException.Kind.TLS, "TLS with " + uri + " failed ("
                        + t.getMessage() + "): is it a TLS port? For a plain port use redis://", e);
            }
            if (t instanceof io.netty.handler.ssl.SslHandshakeTimeoutException) {
                return new SnapshotException(SnapshotException.Kind.TIMEOUT, "the TLS handshake with " + uri
                        + " took longer than " + options.connectTimeout().toMillis() + " ms (connectTimeout):"
                        + " is it a TLS port?", e);
            }
            if (t instanceof io.netty.channel.ConnectTimeoutException || t instanceof SocketTimeoutException) {
                return new SnapshotException(SnapshotException.Kind.TIMEOUT, "connecting to " + uri
                        + " took longer than " + options.connectTimeout().toMillis() + " ms (connectTimeout): is the"
                        + " host up and the port open through firewalls?", e);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new SnapshotException(SnapshotException.Kind.CONNECTION_REFUSED, "cannot connect to " + uri
                        + " (" + t.getMessage() + "): check the host and port, and that Redis is running", e);
            }
            if (t instanceof RedisCommandTimeoutException) {
                return new SnapshotException(SnapshotException.Kind.TIMEOUT, "no answer from " + uri + " for "
                        + options.headerTimeout().toMillis() + " ms while logging in (headerTimeout): the server is"
                        + " stuck, or this is not a Redis server; if it is a TLS port, use rediss://", e);
            }
        }
        return new SnapshotException(SnapshotException.Kind.IO, "cannot connect to " + uri + ": " + e.getMessage()
                + (uri.tls() ? "" : " (if it is a TLS port, use rediss://)"), e);
    }

    /** True if the server refused a password because it has none (the scan then logs in without). */
    static boolean noPasswordConfigured(Throwable e) {
        return causedBy(e, RedisCommandExecutionException.class, "without any password configured");
    }

    /**
     * True if Lettuce lost the reason its handshake failed: when the server answers the login
     * with an error, Lettuce closes the channel, and under load the channel's set-up can then fail
     * first with "RedisHandshakeHandler not registered" (seen in CI, for a password the server does
     * not need). Connecting once more gets the server's own answer.
     */
    static boolean handshakeLost(Throwable e) {
        return causedBy(e, IllegalStateException.class, "RedisHandshakeHandler not registered");
    }

    /** True if {@code e} or one of its causes is a {@code type} whose message contains {@code text}. */
    private static boolean causedBy(Throwable e, Class<? extends Throwable> type, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t) && String.valueOf(t.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** A command after logging in: INFO, SELECT, SCAN, PTTL, DUMP. */
    SnapshotException command(String command, Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.ExecutionException || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SnapshotException s) {
            return s;
        }
        if (t instanceof RedisCommandExecutionException refused) {
            return reply(command, refused);
        }
        if (t instanceof RedisCommandTimeoutException || t instanceof TimeoutException) {
            return new SnapshotException(SnapshotException.Kind.TIMEOUT, "no answer from " + uri + " to " + command
                    + " for " + options.readIdleTimeout().toMillis() + " ms (readIdleTimeout): the server is stuck"
                    + " or the network is down", e);
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return new SnapshotException(SnapshotException.Kind.IO, "the reply to " + command + " from " + uri
                        + " did not fit in memory (" + c.getMessage() + "): scan mode holds each key's DUMP whole;"
                        + " give Caravan more memory (-Xmx, which also bounds direct memory), or use mode=sync", e);
            }
        }
        // Only the first command can meet a TLS port spoken to in plain text.
        String hint = uri.tls() || !command.startsWith("INFO") ? "see the server's log"
                : "if it is a TLS port, use rediss://; otherwise see the server's log";
        return new SnapshotException(SnapshotException.Kind.IO, "the connection to " + uri + " failed while"
                + " waiting for the reply to " + command + " (" + t.getMessage() + "): " + hint, e);
    }

    /** An error reply, by its code; the rest of the server's text is only shown for unknown codes. */
    private SnapshotException reply(String command, RedisCommandExecutionException e) {
        String error = String.valueOf(e.getMessage());
        if (error.startsWith("NOAUTH")) {
            return new SnapshotException(SnapshotException.Kind.AUTH_REQUIRED, uri + " requires a password:"
                    + " put it in the URI (redis://:PASSWORD@host:port, or redis://USER:PASSWORD@host:port for an"
                    + " ACL user)", e);
        }
        if (error.startsWith("WRONGPASS") || error.startsWith("ERR invalid password")
                || error.startsWith("ERR invalid username-password")) {
            return new SnapshotException(SnapshotException.Kind.AUTH_FAILED, "authentication as user '" + user
                    + "' failed on " + uri + ": wrong password, unknown user, or user disabled"
                    + " (Redis does not say which): check the credentials of the URI", e);
        }
        if (uri.user().isPresent() && command.equals("AUTH") && error.contains("wrong number of arguments")) {
            return new SnapshotException(SnapshotException.Kind.AUTH_FAILED, uri
                    + " does not know ACL users (Redis before 6.0): give only a password, redis://:PASSWORD@host", e);
        }
        if (error.startsWith("NOPERM")) {
            String word = command.split(" ")[0].toLowerCase(java.util.Locale.ROOT);
            return new SnapshotException(SnapshotException.Kind.NOT_PERMITTED, "user '" + user + "' may not run "
                    + command + " on " + uri + ": scan mode needs +info +scan +pttl +dump, and +select for"
                    + " databases other than 0 (ACL SETUSER " + user + " +" + word + ")", e);
        }
        if (error.startsWith("LOADING")) {
            return new SnapshotException(SnapshotException.Kind.SERVER_REFUSED, uri + " is loading its dataset"
                    + " into memory: try again once it has finished", e);
        }
        String shown = scrub(error.length() > 200 ? error.substring(0, 200) + "…" : error);
        return new SnapshotException(SnapshotException.Kind.SERVER_REFUSED, uri + " refused " + command + ": " + shown, e);
    }

    /** Server text with the password replaced, should a server ever echo it. */
    private String scrub(String text) {
        char[] password = uri.passwordCopy();
        if (password == null || password.length == 0) {
            return text;
        }
        try {
            return text.replace(new String(password), "***");
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /** For the pipe: an {@link IOException} as it is, anything else as a failed command. */
    IOException during(String phase, Throwable e) {
        if (e instanceof IOException io) {
            return io;
        }
        return command(phase, e);
    }
}
