package dev.caravan.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy to the broker that forwards whole MQTT packets from the client and cuts the
 * connection, both ways, instead of forwarding a SUBSCRIBE, for the first {@code cuts}
 * SUBSCRIBE packets: the client sees its connection lost while it waits for the SUBACK.
 */
final class SubscriptionCutter implements AutoCloseable {
    private static final int SUBSCRIBE = 8;

    private final ServerSocket server;
    private final int brokerPort;
    private final AtomicInteger cuts;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "mqtt-test-cutter");
        thread.setDaemon(true);
        return thread;
    });

    SubscriptionCutter(int brokerPort, int cuts) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.brokerPort = brokerPort;
        this.cuts = new AtomicInteger(cuts);
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                threads.execute(() -> copy(broker, client));
                threads.execute(() -> forwardPackets(client, broker));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException cut) {
            // the other direction closed both sockets
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void forwardPackets(Socket from, Socket to) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(from.getInputStream()));
            OutputStream out = to.getOutputStream();
            int header;
            while ((header = in.read()) >= 0) {
                ByteArrayOutputStream packet = new ByteArrayOutputStream();
                packet.write(header);
                int length = 0;
                int shift = 0;
                int digit;
                do {
                    digit = in.readUnsignedByte();
                    packet.write(digit);
                    length |= (digit & 0x7f) << shift;
                    shift += 7;
                } while ((digit & 0x80) != 0);
                packet.write(in.readNBytes(length));
                if (header >>> 4 == SUBSCRIBE && cuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return;
                }
                out.write(packet.toByteArray());
                out.flush();
            }
        } catch (IOException cut) {
            // the other direction closed both sockets
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // the accepting thread ends either way
        }
        threads.shutdownNow();
    }
}
