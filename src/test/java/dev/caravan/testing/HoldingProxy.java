package dev.caravan.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A TCP proxy to a real server that passes the first {@code holdAt} bytes the server sends on each
 * connection, then holds the rest until a release file exists: a backup that stays in its pull,
 * with bytes already counted, for exactly as long as a test needs. The file (not a latch) is the
 * switch because the proxy may live in a test resource loaded by another class loader than the
 * test, or serve a packaged application. Each hold ends by itself after {@code MAX_HOLD_MILLIS}.
 */
public final class HoldingProxy implements AutoCloseable {

    private static final long MAX_HOLD_MILLIS = 45_000;

    private final ServerSocket listener;
    private final int targetPort;
    private final long holdAt;
    private final Path releaseFile;

    public HoldingProxy(int targetPort, long holdAt, Path releaseFile) throws IOException {
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.holdAt = holdAt;
        this.releaseFile = releaseFile;
        Thread acceptor = new Thread(this::serve, "holding-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Lets every held and future connection through. */
    public static void release(Path releaseFile) {
        try {
            Files.createDirectories(releaseFile.getParent());
            Files.writeString(releaseFile, "released");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket("127.0.0.1", targetPort);
                start(() -> pump(client, server, Long.MAX_VALUE), "holding-proxy-up");
                start(() -> pump(server, client, holdAt), "holding-proxy-down");
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

    private void pump(Socket from, Socket to, long holdAt) {
        byte[] buffer = new byte[8192];
        long position = 0;
        boolean held = false;
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            // Up to the hold, reads stop exactly at it.
            while ((n = in.read(buffer, 0, held ? buffer.length : (int) Math.min(buffer.length, holdAt - position))) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                position += n;
                if (!held && position >= holdAt) {
                    held = true;
                    waitForRelease();
                }
            }
        } catch (IOException closed) {
            // one side went away: the test looks at what the client made of it
        }
    }

    private void waitForRelease() {
        long deadline = System.currentTimeMillis() + MAX_HOLD_MILLIS;
        while (!Files.exists(releaseFile) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
