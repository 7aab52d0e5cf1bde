package dev.caravan.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A one-connection TCP proxy to a real server that forwards the first {@code limit} bytes the
 * server sends, then either closes both connections (a transfer cut short) or goes silent while
 * keeping them open (a stuck master). The client's bytes always pass.
 */
final class CuttingProxy implements AutoCloseable {

    enum After { CLOSE, STALL }

    private final ServerSocket listener;
    private final int targetPort;
    private final long limit;
    private final After after;
    private volatile Socket client;
    private volatile Socket server;

    CuttingProxy(int targetPort, long limit, After after) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.limit = limit;
        this.after = after;
        Thread acceptor = new Thread(this::serve, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    RedisUri uri() {
        return RedisUri.of("127.0.0.1", listener.getLocalPort(), false);
    }

    private void serve() {
        try {
            client = listener.accept();
            server = new Socket("127.0.0.1", targetPort);
            Thread upstream = new Thread(() -> pump(client, server, Long.MAX_VALUE), "cutting-proxy-up");
            upstream.setDaemon(true);
            upstream.start();
            pump(server, client, limit);
            if (after == After.CLOSE) {
                close();
            }
        } catch (IOException e) {
            close();
        }
    }

    private static void pump(Socket from, Socket to, long limit) {
        byte[] buffer = new byte[8192];
        long forwarded = 0;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (forwarded < limit) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - forwarded));
                if (n < 0) {
                    return;
                }
                out.write(buffer, 0, n);
                forwarded += n;
            }
        } catch (IOException closed) {
            // one side went away: the test looks at what the client saw
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
        closeQuietly(server);
        try {
            listener.close();
        } catch (IOException ignored) {
            // test teardown
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // test teardown
            }
        }
    }
}
