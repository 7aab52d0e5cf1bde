package dev.caravan.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Time-outs and TLS settings of a {@link SnapshotPuller}.
 *
 * <p>Each phase has its own bound, because they fail for different reasons:
 * <ul>
 * <li>{@code connectTimeout} (10 s): TCP connect and TLS handshake; a dead host fails here.</li>
 * <li>{@code headerTimeout} (30 s): the longest silence while waiting for a command reply, the
 * {@code +FULLRESYNC} line or the payload header. The master sends a newline keep-alive every
 * second while it forks and writes the snapshot, and each one resets this time-out, so a long
 * BGSAVE does not trip it; a master that stops answering does.</li>
 * <li>{@code readIdleTimeout} (60 s, Redis's default {@code repl-timeout}): the longest silence
 * during the transfer itself.</li>
 * </ul>
 * Immutable; the {@code with…} methods return changed copies.
 */
public final class PullOptions {

    private static final PullOptions DEFAULTS = new PullOptions(
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), TlsOptions.defaults());

    private final Duration connectTimeout;
    private final Duration headerTimeout;
    private final Duration readIdleTimeout;
    private final TlsOptions tls;

    private PullOptions(Duration connectTimeout, Duration headerTimeout, Duration readIdleTimeout, TlsOptions tls) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.headerTimeout = positive(headerTimeout, "headerTimeout");
        this.readIdleTimeout = positive(readIdleTimeout, "readIdleTimeout");
        this.tls = Objects.requireNonNull(tls, "tls");
    }

    public static PullOptions defaults() {
        return DEFAULTS;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration headerTimeout() {
        return headerTimeout;
    }

    public Duration readIdleTimeout() {
        return readIdleTimeout;
    }

    /** Used only for {@code rediss://} URIs. */
    public TlsOptions tls() {
        return tls;
    }

    public PullOptions withConnectTimeout(Duration timeout) {
        return new PullOptions(timeout, headerTimeout, readIdleTimeout, tls);
    }

    public PullOptions withHeaderTimeout(Duration timeout) {
        return new PullOptions(connectTimeout, timeout, readIdleTimeout, tls);
    }

    public PullOptions withReadIdleTimeout(Duration timeout) {
        return new PullOptions(connectTimeout, headerTimeout, timeout, tls);
    }

    public PullOptions withTls(TlsOptions options) {
        return new PullOptions(connectTimeout, headerTimeout, readIdleTimeout, options);
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 ms and ~24 days, got " + d);
        }
        return d;
    }
}
