package dev.caravan.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The few parts of RESP that a replica handshake needs: sending a command and reading a one-line
 * reply. Every reply to the handshake's commands, {@code +FULLRESYNC} and the payload header are
 * single lines, so no general RESP decoder is needed.
 *
 * <p>Reads go through one buffer that the payload stream later continues from, so bytes of the
 * snapshot that arrive with the header line are not lost.
 */
final class RespChannel {

    private static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final OutputStream out;

    RespChannel(Socket socket) throws IOException {
        this.in = new BufferedInputStream(socket.getInputStream(), 256 * 1024);
        this.out = socket.getOutputStream();
    }

    /** The buffered input, positioned after the last line read. */
    InputStream input() {
        return in;
    }

    /**
     * Sends one command. Arguments are sent as bulk strings and, since some hold a password, the
     * encoded command is overwritten after it is written.
     */
    void send(byte[]... args) throws IOException {
        byte[][] headers = new byte[args.length][];
        byte[] count = ("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int size = count.length;
        for (int i = 0; i < args.length; i++) {
            headers[i] = ("$" + args[i].length + "\r\n").getBytes(StandardCharsets.US_ASCII);
            size += headers[i].length + args[i].length + 2;
        }
        byte[] command = new byte[size];
        int at = put(command, 0, count);
        for (int i = 0; i < args.length; i++) {
            at = put(command, at, headers[i]);
            at = put(command, at, args[i]);
            command[at++] = '\r';
            command[at++] = '\n';
        }
        try {
            out.write(command);
            out.flush();
        } finally {
            Arrays.fill(command, (byte) 0);
        }
    }

    /**
     * Reads the next line that is not empty, without its line ending. Empty lines are the keep-alive
     * newlines a master sends to a waiting replica; each byte read resets the socket's read time-out.
     *
     * @throws EOFException if the server closes the connection first
     */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                if (line.size() > 0) {
                    return line.toString(StandardCharsets.UTF_8);
                }
            } else if (b != '\r') {
                if (line.size() >= MAX_LINE) {
                    throw new IOException("reply line longer than " + MAX_LINE + " bytes: not a Redis server?");
                }
                line.write(b);
            }
        }
    }

    private static int put(byte[] target, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, target, at, bytes.length);
        return at + bytes.length;
    }
}
