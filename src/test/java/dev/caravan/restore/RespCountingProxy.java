package dev.caravan.restore;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of a real Redis that follows the RESP stream both ways and records, each
 * time a client command has fully arrived, how many commands it has sent whose reply has not
 * been passed back yet. That count never exceeds what the client itself has in flight (its
 * commands arrive here after it sent them; replies leave here before it reads them), so a
 * maximum above the window would be a real breach.
 */
final class RespCountingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong maxInFlight = new AtomicLong();

    RespCountingProxy(int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "resp-counting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    long maxInFlight() {
        return maxInFlight.get();
    }

    long commands() {
        return commands.get();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                pump(client, server, true);
                pump(server, client, false);
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) throws IOException {
        InputStream in = new BufferedInputStream(from.getInputStream(), 64 * 1024);
        OutputStream out = new java.io.BufferedOutputStream(to.getOutputStream(), 64 * 1024);
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    copyElement(in, out);
                    if (fromClient) {
                        long inFlight = commands.incrementAndGet() - replies.get();
                        maxInFlight.accumulateAndGet(inFlight, Math::max);
                        if (in.available() == 0) {
                            out.flush();
                        }
                    } else {
                        // counted before the client can see it, so its next command never arrives first
                        replies.incrementAndGet();
                        out.flush();
                    }
                }
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "resp-counting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Copies one RESP element (recursively for arrays). */
    private static void copyElement(InputStream in, OutputStream out) throws IOException {
        int type = read(in, out);
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = read(in, out)) != '\r') {
            line.append((char) b);
        }
        read(in, out);
        if (type == '*') {
            long n = Long.parseLong(line.toString());
            for (long i = 0; i < n; i++) {
                copyElement(in, out);
            }
        } else if (type == '$') {
            long n = Long.parseLong(line.toString());
            for (long left = n < 0 ? 0 : n + 2; left > 0; left--) {
                read(in, out);
            }
        }
    }

    private static int read(InputStream in, OutputStream out) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("closed");
        }
        out.write(b);
        return b;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing the proxy
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
