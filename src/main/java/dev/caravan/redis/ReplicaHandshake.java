package dev.caravan.redis;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The commands a replica sends before the snapshot, and the replies that lead to it.
 *
 * <p>The sequence follows what {@code redis-cli --rdb} and a real replica send: {@code AUTH} if a
 * password is given; {@code REPLCONF capa eof capa psync2}, so that the master may stream a
 * diskless snapshot; {@code REPLCONF rdb-only 1} (Redis 7.0+; older servers reject it and that is
 * fine), which tells the master this replica wants the RDB only, so it keeps no replication buffer
 * for it and closes the connection after the RDB; and {@code PSYNC ? -1}, which asks for a full
 * resynchronisation. No {@code REPLCONF listening-port} is sent, as redis-cli sends none: this
 * replica serves nobody. Every error reply becomes a {@link SnapshotException} whose message says
 * what to do; server text in messages is scrubbed of the password.
 */
final class ReplicaHandshake {

    /** What the master announced before the payload. */
    record Header(String replicationId, long offset, TransferForm form, long length, byte[] mark) {
    }

    private static final int MARK_LENGTH = 40;

    private final RespChannel channel;
    private final RedisUri uri;
    private final String source;
    private final String user;
    private final long headerTimeoutMillis;
    private char[] password;
    private boolean answered;

    ReplicaHandshake(RespChannel channel, RedisUri uri, long headerTimeoutMillis) {
        this.channel = channel;
        this.uri = uri;
        this.source = uri.redacted();
        this.user = uri.user().orElse("default");
        this.headerTimeoutMillis = headerTimeoutMillis;
    }

    /** Runs the handshake up to the payload; the channel's input is then at the first RDB byte. */
    Header run() throws SnapshotException {
        password = uri.passwordCopy();
        try {
            if (password != null) {
                authenticate();
            }
            expectOk("REPLCONF", "REPLCONF", "capa", "eof", "capa", "psync2");
            String rdbOnly = reply("REPLCONF", "REPLCONF", "rdb-only", "1");
            if (rdbOnly.startsWith("-") && !rdbOnly.contains("Unrecognized REPLCONF option")) {
                throw refused("REPLCONF", rdbOnly);
            }
            return fullResync();
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** Logs in as a backup would and asks for a PONG: whether the server is there and takes the credentials. */
    void ping() throws SnapshotException {
        password = uri.passwordCopy();
        try {
            if (password != null) {
                authenticate();
            }
            String reply = reply("PING", "PING");
            if (!reply.startsWith("+PONG")) {
                throw refused("PING", reply);
            }
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /**
     * Logs in. A password given to a server that has none configured is accepted as redis-cli
     * does: the server says so and carries on, and refusing would fail a backup for nothing.
     */
    private void authenticate() throws SnapshotException {
        byte[] secret = utf8(password);
        try {
            String reply = uri.user().isPresent()
                    ? reply("AUTH", bytes("AUTH"), bytes(user), secret)
                    : reply("AUTH", bytes("AUTH"), secret);
            if (reply.startsWith("+") || reply.contains("without any password configured")) {
                return;
            }
            if (reply.startsWith("-WRONGPASS") || reply.startsWith("-ERR invalid password")
                    || reply.startsWith("-ERR invalid username-password")) {
                throw new SnapshotException(SnapshotException.Kind.AUTH_FAILED, "authentication as user '" + user
                        + "' failed on " + source + ": wrong password, unknown user, or user disabled"
                        + " (Redis does not say which): check the credentials of the URI");
            }
            if (uri.user().isPresent() && reply.contains("wrong number of arguments")) {
                throw new SnapshotException(SnapshotException.Kind.AUTH_FAILED, source
                        + " does not know ACL users (Redis before 6.0): give only a password, redis://:PASSWORD@host");
            }
            throw refused("AUTH", reply);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private Header fullResync() throws SnapshotException {
        String reply = reply("PSYNC", "PSYNC", "?", "-1");
        if (reply.startsWith("+CONTINUE")) {
            throw new SnapshotException(SnapshotException.Kind.PROTOCOL, source + " answered PSYNC ? -1 with"
                    + " +CONTINUE (a partial resync) where a full one was asked for: is it a standard Redis server?");
        }
        if (reply.startsWith("-")) {
            throw refused("PSYNC", reply);
        }
        String[] parts = reply.split(" ");
        if (parts.length != 3 || !parts[0].equals("+FULLRESYNC")) {
            throw unexpected("PSYNC", reply);
        }
        long offset;
        try {
            offset = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            throw unexpected("PSYNC", reply);
        }
        String header = line("waiting for the snapshot (the master forks and writes it first)");
        if (header.startsWith("-")) {
            throw refused("PSYNC", header);
        }
        if (header.startsWith("$EOF:") && header.length() == 5 + MARK_LENGTH) {
            byte[] mark = header.substring(5).getBytes(StandardCharsets.ISO_8859_1);
            return new Header(parts[1], offset, TransferForm.DISKLESS, -1, mark);
        }
        if (header.startsWith("$")) {
            try {
                long length = Long.parseLong(header.substring(1));
                if (length >= 0) {
                    return new Header(parts[1], offset, TransferForm.DISK_BASED, length, null);
                }
            } catch (NumberFormatException e) {
                throw unexpected("the snapshot header", header);
            }
        }
        throw unexpected("the snapshot header", header);
    }

    private void expectOk(String command, String... args) throws SnapshotException {
        String reply = reply(command, args);
        if (!reply.startsWith("+")) {
            throw refused(command, reply);
        }
    }

    private String reply(String command, String... args) throws SnapshotException {
        byte[][] encoded = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            encoded[i] = bytes(args[i]);
        }
        return reply(command, encoded);
    }

    private String reply(String command, byte[]... args) throws SnapshotException {
        try {
            channel.send(args);
        } catch (IOException e) {
            throw failed("sending " + command, e);
        }
        return line("waiting for the reply to " + command);
    }

    private String line(String phase) throws SnapshotException {
        try {
            String line = channel.readLine();
            answered = true;
            return line;
        } catch (IOException e) {
            throw failed(phase, e);
        }
    }

    private SnapshotException failed(String phase, IOException e) {
        if (e instanceof SocketTimeoutException) {
            return new SnapshotException(SnapshotException.Kind.TIMEOUT, "no data from " + source + " for "
                    + headerTimeoutMillis + " ms while " + phase + " (headerTimeout): the server is stuck,"
                    + " or this is not a Redis server", e);
        }
        String what = e instanceof EOFException ? "closed the connection" : "failed (" + e.getMessage() + ")";
        if (!answered && uri.tls()) {
            // In TLS 1.3 the server checks the client's certificate after the client's handshake has
            // returned, so a refused or missing certificate shows as the first read failing.
            return new SnapshotException(SnapshotException.Kind.TLS, "the TLS session with " + source + " " + what
                    + " while " + phase + ": if the server requires client certificates (tls-auth-clients),"
                    + " configure a key store", e);
        }
        String hint = answered ? "see the server's log" : "if it is a TLS port, use rediss://; otherwise see the server's log";
        if (phase.startsWith("waiting for the snapshot")) {
            hint = "the master may have failed to write the snapshot (fork, disk space): see its log";
        }
        return new SnapshotException(SnapshotException.Kind.IO, "the connection to " + source + " " + what
                + " while " + phase + ": " + hint, e);
    }

    /** Maps an error reply to what it means for a backup. */
    private SnapshotException refused(String command, String reply) {
        String error = scrub(reply.startsWith("-") ? reply.substring(1) : reply);
        if (error.startsWith("NOAUTH")) {
            return new SnapshotException(SnapshotException.Kind.AUTH_REQUIRED, source + " requires a password:"
                    + " put it in the URI (redis://:PASSWORD@host:port, or redis://USER:PASSWORD@host:port for an"
                    + " ACL user)");
        }
        if (error.startsWith("NOPERM")) {
            return new SnapshotException(SnapshotException.Kind.NOT_PERMITTED, "user '" + user + "' may not run "
                    + command + " on " + source + ": grant them (ACL SETUSER " + user + " +psync +replconf),"
                    + " or set mode=scan");
        }
        if (error.startsWith("LOADING")) {
            return new SnapshotException(SnapshotException.Kind.SERVER_REFUSED, source + " is loading its"
                    + " dataset into memory: try again once it has finished (" + error + ")");
        }
        if (error.startsWith("NOMASTERLINK") || error.startsWith("MASTERDOWN")) {
            return new SnapshotException(SnapshotException.Kind.SERVER_REFUSED, source + " is a replica whose link"
                    + " to its master is down: pull from the master, or wait until this replica is in sync ("
                    + error + ")");
        }
        return new SnapshotException(SnapshotException.Kind.SERVER_REFUSED, source + " refused " + command
                + ": " + error);
    }

    private SnapshotException unexpected(String what, String reply) {
        String shown = scrub(reply.length() > 80 ? reply.substring(0, 80) + "…" : reply);
        return new SnapshotException(SnapshotException.Kind.PROTOCOL, "unexpected reply from " + source + " to "
                + what + ": '" + shown + "': is it a Redis server?");
    }

    /** Server text with any occurrence of the password replaced, should a server ever echo it. */
    private String scrub(String text) {
        if (password == null || password.length == 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (matchesPassword(text, i)) {
                out.append("***");
                i += password.length;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private boolean matchesPassword(String text, int at) {
        if (at + password.length > text.length()) {
            return false;
        }
        for (int j = 0; j < password.length; j++) {
            if (text.charAt(at + j) != password[j]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        Arrays.fill(encoded.array(), (byte) 0);
        return out;
    }
}
