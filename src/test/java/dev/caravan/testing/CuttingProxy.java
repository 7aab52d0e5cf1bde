package dev.caravan.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import dev.caravan.redis.RedisUri;

/**
 * A one-connection TCP proxy to a real server that forwards the first {@code limit} bytes one side
 * sends (the server's replies, or the client's commands), then either closes both connections (a
 * transfer cut short, a target that drops its client) or goes silent while keeping them open (a
 * stuck master). The other side's bytes always pass. Closing with the client's bytes unread resets
 * the client's connection, as a server that goes away does.
 */
public final class CuttingProxy implements AutoCloseable {

    public enum After { CLOSE, STALL }

    /** Whose bytes are cut. */
    public enum Side { SERVER, CLIENT }

    private final ServerSocket listener;
    private final int targetPort;
    private final long limit;
    private final After after;
    private final Side side;
    private volatile boolean reached;
    private volatile Socket client;
    private volatile Socket server;

    /** Cuts what the server sends. */
    public CuttingProxy(int targetPort, long limit, After after) throws IOException {
        this(targetPort, limit, after, Side.SERVER);
    }

    public CuttingProxy(int targetPort, long limit, After after, Side side) throws IOException {
        this.side = side;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.limit = limit;
        this.after = after;
        Thread acceptor = new Thread(this::serve, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public RedisUri uri() {
        return RedisUri.of("127.0.0.1", listener.getLocalPort(), false);
    }

    /** Whether the limit was reached (or the cut side closed first): nothing more passes that way. */
    public boolean reached() {
        return reached;
    }

    private void serve() {
        try {
            client = listener.accept();
            server = new Socket("127.0.0.1", targetPort);
            Socket cut = side == Side.SERVER ? server : client;
            Socket passed = side == Side.SERVER ? client : server;
            Thread other = new Thread(() -> pump(passed, cut, Long.MAX_VALUE), "cutting-proxy-passing");
            other.setDaemon(true);
            other.start();
            pump(cut, passed, limit);
            reached = true;
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
