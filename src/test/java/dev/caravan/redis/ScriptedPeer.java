package dev.caravan.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A TCP peer that answers each command with the next scripted reply, for replies a real server
 * cannot be made to give on demand ({@code +CONTINUE} to {@code PSYNC ? -1}); with no reply left
 * it stays silent. One connection.
 */
final class ScriptedPeer implements AutoCloseable {

    private final ServerSocket listener;
    private final String[] replies;
    private volatile Socket connection;

    ScriptedPeer(String... replies) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.replies = replies;
        Thread thread = new Thread(this::serve, "scripted-peer");
        thread.setDaemon(true);
        thread.start();
    }

    RedisUri uri() {
        return RedisUri.of("127.0.0.1", listener.getLocalPort(), false);
    }

    private void serve() {
        try {
            connection = listener.accept();
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = connection.getOutputStream();
            for (String reply : replies) {
                readCommand(in);
                out.write(reply.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException closed) {
            // the client hung up: the test looks at what it saw
        }
    }

    /** Skips one RESP array of bulk strings. */
    private static void readCommand(BufferedReader in) throws IOException {
        String header = in.readLine();
        int args = Integer.parseInt(header.substring(1));
        for (int i = 0; i < args * 2; i++) {
            in.readLine();
        }
    }

    @Override
    public void close() throws IOException {
        if (connection != null) {
            connection.close();
        }
        listener.close();
    }
}
