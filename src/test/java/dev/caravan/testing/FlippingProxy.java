package dev.caravan.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP proxy to a real server that flips one bit of the byte at {@code flipAt} in what the
 * server sends on each connection: a snapshot corrupted in transit, which only the snapshot's own
 * checks can catch. The client's bytes pass unchanged. Adapted from the puller tests' cutting proxy.
 */
public final class FlippingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final long flipAt;

    public FlippingProxy(int targetPort, long flipAt) throws IOException {
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.flipAt = flipAt;
        Thread acceptor = new Thread(this::serve, "flipping-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void serve() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket("127.0.0.1", targetPort);
                start(() -> pump(client, server, -1), "flipping-proxy-up");
                start(() -> pump(server, client, flipAt), "flipping-proxy-down");
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /** Copies until either side closes, flipping the byte at {@code flipAt} (none if negative). */
    private static void pump(Socket from, Socket to, long flipAt) {
        byte[] buffer = new byte[8192];
        long position = 0;
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (flipAt >= position && flipAt < position + n) {
                    buffer[(int) (flipAt - position)] ^= 0x10;
                }
                out.write(buffer, 0, n);
                position += n;
            }
        } catch (IOException closed) {
            // one side went away: the test looks at what the client made of it
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
