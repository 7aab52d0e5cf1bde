package dev.caravan.redis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain RESP2 command connection (TCP or TLS, authenticated), for loading: commands are written
 * into a buffer and may be pipelined, a bulk argument may stream from an {@link InputStream} of
 * known length (so a value of any size passes without being held in memory), and replies are read
 * in order, by the same or another thread. Connecting and logging in fail with a
 * {@link SnapshotException} whose message says what to check and never holds the password.
 */
public final class RedisConnection implements Closeable {

    /** Largest bulk reply read (INFO, CONFIG GET): loading never asks for values. */
    private static final int MAX_REPLY_BULK = 16 * 1024 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    /** One RESP2 reply: a status or error line, an integer, a bulk string (null for nil) or an array. */
    public record Reply(char kind, String line, long integer, byte[] bulk, List<Reply> elements) {

        public boolean isError() {
            return kind == '-';
        }

        /** The status or error line, the integer, or the bulk string as UTF-8 text. */
        public String text() {
            return switch (kind) {
                case '+', '-' -> line;
                case ':' -> Long.toString(integer);
                case '$' -> bulk == null ? null : new String(bulk, StandardCharsets.UTF_8);
                default -> String.valueOf(elements);
            };
        }

        @Override
        public String toString() {
            return kind + text();
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String target;

    private RedisConnection(Socket socket, String target) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 256 * 1024);
        this.target = target;
    }

    /**
     * Connects (TLS for {@code rediss://}), logs in when the URI has a password and returns a
     * connection on database 0. {@code options} give the connect time-out, the TLS settings and,
     * as {@code readIdleTimeout}, the longest wait for a reply.
     */
    public static RedisConnection open(RedisUri uri, PullOptions options) throws SnapshotException {
        TlsSockets tls = uri.tls() ? TlsSockets.from(options.tls()) : null;
        Socket socket = SnapshotPuller.connect(uri, options);
        RedisConnection connection = null;
        try {
            if (tls != null) {
                socket = SnapshotPuller.handshake(tls, socket, uri, options);
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, options.readIdleTimeout().toMillis()));
            connection = new RedisConnection(socket, uri.redacted());
            connection.authenticate(uri);
            return connection;
        } catch (SnapshotException e) {
            closeQuietly(socket);
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new SnapshotException(SnapshotException.Kind.IO, "connection to " + uri + " failed: " + e.getMessage(), e);
        }
    }

    /** The redacted URI, for messages. */
    public String target() {
        return target;
    }

    /** Sends one command and waits for its reply (nothing else may be in flight). */
    public Reply call(String... args) throws IOException {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        command(bytes);
        flush();
        return read();
    }

    /** Writes a whole command into the buffer; {@link #flush()} sends it. */
    public void command(byte[]... args) throws IOException {
        arrayHeader(args.length);
        for (byte[] arg : args) {
            bulk(arg, 0, arg.length);
        }
    }

    /** Starts a command of {@code count} arguments, each then written with a {@code bulk} method. */
    public void arrayHeader(int count) throws IOException {
        out.write('*');
        out.write(ascii(count));
        out.write(CRLF);
    }

    public void bulk(byte[] arg, int offset, int length) throws IOException {
        bulkHeader(length);
        out.write(arg, offset, length);
        out.write(CRLF);
    }

    /** A bulk argument of {@code length} bytes read from {@code source}, streamed through the buffer. */
    public void bulk(InputStream source, long length) throws IOException {
        bulkHeader(length);
        byte[] chunk = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = source.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) {
                throw new EOFException("the payload ended " + left + " bytes early");
            }
            out.write(chunk, 0, n);
            left -= n;
        }
        out.write(CRLF);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Reads the next reply. */
    public Reply read() throws IOException {
        int kind = in.read();
        if (kind < 0) {
            throw new EOFException("the connection to " + target + " was closed");
        }
        String line = line();
        return switch (kind) {
            case '+', '-' -> new Reply((char) kind, line, 0, null, null);
            case ':' -> new Reply(':', null, number(line), null, null);
            case '$' -> new Reply('$', null, 0, bulkReply(number(line)), null);
            case '*' -> {
                long n = number(line);
                List<Reply> elements = n < 0 ? null : new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    elements.add(read());
                }
                yield new Reply('*', null, 0, null, elements);
            }
            default -> throw new IOException(target + " sent '" + (char) kind + "' where a RESP reply was expected:"
                    + " is it a Redis server?");
        };
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private void authenticate(RedisUri uri) throws IOException {
        char[] password = uri.passwordCopy();
        if (password == null) {
            return;
        }
        java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] secret = new byte[encoded.remaining()];
        encoded.get(secret);
        Arrays.fill(encoded.array(), (byte) 0);
        Arrays.fill(password, '\0');
        try {
            if (uri.user().isPresent()) {
                command("AUTH".getBytes(StandardCharsets.US_ASCII), uri.user().get().getBytes(StandardCharsets.UTF_8),
                        secret);
            } else {
                command("AUTH".getBytes(StandardCharsets.US_ASCII), secret);
            }
            flush();
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        Reply reply = read();
        if (!reply.isError() || reply.line().contains("without any password configured")) {
            return;
        }
        String user = uri.user().orElse("default");
        if (reply.line().startsWith("WRONGPASS") || reply.line().startsWith("ERR invalid password")
                || reply.line().startsWith("ERR invalid username-password")) {
            throw new SnapshotException(SnapshotException.Kind.AUTH_FAILED, "authentication as user '" + user
                    + "' failed on " + target + ": wrong password, unknown user, or user disabled"
                    + " (Redis does not say which): check the credentials of the URI");
        }
        if (uri.user().isPresent() && reply.line().contains("wrong number of arguments")) {
            throw new SnapshotException(SnapshotException.Kind.AUTH_FAILED, target
                    + " does not know ACL users (Redis before 6.0): give only a password, redis://:PASSWORD@host");
        }
        throw new SnapshotException(SnapshotException.Kind.AUTH_FAILED, target + " refused AUTH: "
                + reply.line().split(" ", 2)[0] + ": check the credentials of the URI");
    }

    private void bulkHeader(long length) throws IOException {
        out.write('$');
        out.write(ascii(length));
        out.write(CRLF);
    }

    private byte[] bulkReply(long length) throws IOException {
        if (length < 0) {
            return null;
        }
        if (length > MAX_REPLY_BULK) {
            throw new IOException(target + " sent a reply of " + length + " bytes where a short one was expected");
        }
        byte[] bulk = in.readNBytes((int) length);
        if (bulk.length < length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("the connection to " + target + " was closed in the middle of a reply");
        }
        return bulk;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection to " + target + " was closed in the middle of a reply");
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new IOException(target + " sent a malformed reply line");
                }
                return line.toString();
            }
            if (line.length() >= 64 * 1024) {
                throw new IOException(target + " sent a reply line longer than 64 KiB: is it a Redis server?");
            }
            line.append((char) b);
        }
    }

    private long number(String line) throws IOException {
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new IOException(target + " sent a malformed length or integer in a reply");
        }
    }

    private static byte[] ascii(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing after a failure or at the end: nothing to report
        }
    }
}
