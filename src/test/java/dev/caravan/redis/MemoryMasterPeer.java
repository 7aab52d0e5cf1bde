package dev.caravan.redis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * For the benchmark only: a peer that answers a replica's handshake ({@code REPLCONF} with +OK,
 * {@code SYNC} or {@code PSYNC}) and then sends {@code size} bytes from memory, sized or
 * diskless-framed, as fast as the loopback takes them. Unlike a real master it forks nothing and
 * serialises nothing, so the time measured is the client's. The bytes are not an RDB.
 */
final class MemoryMasterPeer implements AutoCloseable {

    private static final byte[] MARK = "0123456789abcdef0123456789abcdef01234567".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final long size;
    private final boolean diskless;
    private final byte[] chunk = new byte[1 << 20];

    MemoryMasterPeer(long size, boolean diskless) throws IOException {
        this.listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.size = size;
        this.diskless = diskless;
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 131 + 7);
        }
        Thread acceptor = new Thread(this::acceptLoop, "memory-master");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread serving = new Thread(() -> serve(socket), "memory-master-conn");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            while (true) {
                List<String> command = readCommand(in);
                if (command.isEmpty()) {
                    return;
                }
                String name = command.get(0).toUpperCase(java.util.Locale.ROOT);
                if (name.equals("SYNC") || name.equals("PSYNC")) {
                    if (name.equals("PSYNC")) {
                        ascii(out, "+FULLRESYNC " + new String(MARK, StandardCharsets.US_ASCII) + " 0\r\n");
                    }
                    sendPayload(out);
                    return;
                }
                ascii(out, "+OK\r\n");
                out.flush();
            }
        } catch (IOException e) {
            // the client hung up
        }
    }

    private void sendPayload(OutputStream out) throws IOException {
        ascii(out, diskless ? "$EOF:" + new String(MARK, StandardCharsets.US_ASCII) + "\r\n" : "$" + size + "\r\n");
        for (long left = size; left > 0; left -= Math.min(left, chunk.length)) {
            out.write(chunk, 0, (int) Math.min(left, chunk.length));
        }
        if (diskless) {
            out.write(MARK);
        }
        out.flush();
    }

    /** A RESP array of bulk strings, or an inline command as redis-cli sends SYNC; empty at the end. */
    private static List<String> readCommand(InputStream in) throws IOException {
        String first = line(in);
        List<String> args = new ArrayList<>();
        if (first == null) {
            return args;
        }
        if (!first.startsWith("*")) {
            args.addAll(List.of(first.trim().split(" +")));
            return args;
        }
        int count = Integer.parseInt(first.substring(1));
        for (int i = 0; i < count; i++) {
            int length = Integer.parseInt(line(in).substring(1));
            args.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            line(in);
        }
        return args;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return null;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void ascii(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
