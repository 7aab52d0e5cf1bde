package dev.caravan.redis;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Objects;
import java.util.OptionalLong;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Pulls an RDB snapshot from a Redis server by connecting as a replica, as {@code redis-cli --rdb}
 * does: the same bytes a real replica would receive in a full resynchronisation.
 *
 * <p>What the master expects of such a replica while the snapshot is sent: nothing but reading.
 * Before the payload it writes a newline every second (while it forks and saves) and this client
 * skips them. During a diskless transfer the master drops a replica whose socket has stayed full for
 * longer than its {@code repl-timeout} (60 s by default), so a reader may be slow but must not stall
 * for that long; a disk-based transfer has no such limit. Acknowledgements ({@code REPLCONF ACK})
 * are only expected once the replica is online, after the RDB, and this client closes the
 * connection at the end of the RDB. Because it asks for {@code rdb-only}, a Redis 7.0+ master keeps
 * no replication buffer for it, so a long pull cannot hit the master's
 * {@code client-output-buffer-limit replica}; an older master does keep one and may drop a slow
 * pull of a busy dataset when the limit is reached.
 *
 * <p>A puller holds no connection and may be used for many pulls, from several threads.
 */
public final class SnapshotPuller {

    private final PullOptions options;

    public SnapshotPuller(PullOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public SnapshotPuller() {
        this(PullOptions.defaults());
    }

    /**
     * Connects, authenticates, asks for a full resynchronisation and returns once the payload
     * starts; the caller reads {@link Snapshot#payload()} and closes the snapshot.
     */
    public Snapshot pull(RedisUri uri) throws SnapshotException {
        TlsSockets tls = uri.tls() ? TlsSockets.from(options.tls()) : null;
        Socket socket = connect(uri, options);
        try {
            if (tls != null) {
                socket = handshake(tls, socket, uri, options);
            }
            socket.setSoTimeout(millis(options.headerTimeout().toMillis()));
            RespChannel channel = new RespChannel(socket);
            ReplicaHandshake.Header header = new ReplicaHandshake(channel, uri, options.headerTimeout().toMillis()).run();
            int idle = millis(options.readIdleTimeout().toMillis());
            socket.setSoTimeout(idle);
            PayloadStream payload = header.form() == TransferForm.DISKLESS
                    ? new EofMarkedPayloadStream(channel.input(), socket, uri.redacted(), idle, header.mark())
                    : new SizedPayloadStream(channel.input(), socket, uri.redacted(), idle, header.length());
            OptionalLong length = header.form() == TransferForm.DISK_BASED
                    ? OptionalLong.of(header.length()) : OptionalLong.empty();
            return new Snapshot(uri, header.replicationId(), header.offset(), header.form(), length, payload);
        } catch (SnapshotException e) {
            closeQuietly(socket);
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new SnapshotException(SnapshotException.Kind.IO, "connection to " + uri + " failed: " + e.getMessage(), e);
        }
    }

    /** A TCP connection to the URI's host and port, with errors that say what to check. */
    static Socket connect(RedisUri uri, PullOptions options) throws SnapshotException {
        InetSocketAddress address = new InetSocketAddress(uri.host(), uri.port());
        if (address.isUnresolved()) {
            throw new SnapshotException(SnapshotException.Kind.UNKNOWN_HOST, "unknown host '" + uri.host() + "' in "
                    + uri + ": check the host name and DNS");
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(address, millis(options.connectTimeout().toMillis()));
            return socket;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new SnapshotException(SnapshotException.Kind.TIMEOUT, "connecting to " + uri + " took longer than "
                    + options.connectTimeout().toMillis() + " ms (connectTimeout): is the host up and the port open"
                    + " through firewalls?", e);
        } catch (ConnectException | NoRouteToHostException e) {
            closeQuietly(socket);
            throw new SnapshotException(SnapshotException.Kind.CONNECTION_REFUSED, "cannot connect to " + uri + " ("
                    + e.getMessage() + "): check the host and port, and that Redis is running", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new SnapshotException(SnapshotException.Kind.IO, "cannot connect to " + uri + ": " + e.getMessage(), e);
        }
    }

    /** The TLS handshake on a connected socket, with errors that say what to configure. */
    static Socket handshake(TlsSockets tls, Socket plain, RedisUri uri, PullOptions options) throws SnapshotException {
        try {
            plain.setSoTimeout(millis(options.connectTimeout().toMillis()));
            return tls.handshake(plain, uri.host(), uri.port());
        } catch (SocketTimeoutException e) {
            throw new SnapshotException(SnapshotException.Kind.TIMEOUT, "the TLS handshake with " + uri
                    + " took longer than " + options.connectTimeout().toMillis() + " ms (connectTimeout):"
                    + " is it a TLS port?", e);
        } catch (SSLHandshakeException e) {
            throw new SnapshotException(SnapshotException.Kind.TLS, tlsAdvice(e, uri), e);
        } catch (SSLException e) {
            throw new SnapshotException(SnapshotException.Kind.TLS, "TLS with " + uri + " failed (" + e.getMessage()
                    + "): is it a TLS port? For a plain port use redis://", e);
        } catch (IOException e) {
            throw new SnapshotException(SnapshotException.Kind.TLS, "the TLS handshake with " + uri + " failed: "
                    + e.getMessage() + " (is it a TLS port? For a plain port use redis://)", e);
        }
    }

    /** What to do about a failed TLS handshake: trust, host name, or client certificate. */
    static String tlsAdvice(SSLHandshakeException e, RedisUri uri) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathValidatorException || String.valueOf(t.getMessage()).contains("PKIX path")) {
                return "the certificate of " + uri + " is not trusted (" + e.getMessage() + "): configure the CA"
                        + " that signed it (CA file or trust store), or, for a test server only, the insecure option";
            }
            if (t instanceof CertificateException && String.valueOf(t.getMessage()).contains("match")) {
                return "the certificate of " + uri + " is not for host '" + uri.host() + "' (" + t.getMessage()
                        + "): connect by a name or address the certificate lists";
            }
        }
        return "the TLS handshake with " + uri + " failed (" + e.getMessage() + "): if the server requires client"
                + " certificates (tls-auth-clients), configure a key store";
    }

    private static int millis(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already failing: the first error is the one to report
        }
    }
}
