import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Baseline "restore by commands": reads every key of a source Redis with SCAN, then DUMP and PTTL
 * pipelined per SCAN page, and writes {@code SELECT db} and {@code RESTORE key ttl payload REPLACE}
 * as RESP on stdout, ready for {@code redis-cli --pipe} into a target server.
 *
 * <pre>java bench/DumpToRestorePipe.java --port 6380 [--host 127.0.0.1] [--count 1000] > restore.resp</pre>
 *
 * Dependency-free on purpose: the point is to measure what Redis and redis-cli can do, not a client.
 */
public final class DumpToRestorePipe {

    public static void main(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = 6379;
        int count = 1000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--count" -> count = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            RespReader in = new RespReader(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            RespWriter redis = new RespWriter(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            RespWriter out = new RespWriter(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 20));
            long keys = 0;
            long payloadBytes = 0;
            for (int db : databases(redis, in)) {
                call(redis, in, "SELECT", Integer.toString(db));
                out.command(bytes("SELECT"), bytes(Integer.toString(db)));
                String cursor = "0";
                do {
                    List<?> page = (List<?>) call(redis, in, "SCAN", cursor, "COUNT", Integer.toString(count));
                    cursor = new String((byte[]) page.get(0), StandardCharsets.US_ASCII);
                    List<?> names = (List<?>) page.get(1);
                    for (Object name : names) {
                        redis.command(bytes("DUMP"), (byte[]) name);
                        redis.command(bytes("PTTL"), (byte[]) name);
                    }
                    redis.flush();
                    for (Object name : names) {
                        byte[] payload = (byte[]) in.read();
                        long pttl = (Long) in.read();
                        if (payload == null || pttl == -2) {
                            continue; // deleted or expired between SCAN and DUMP
                        }
                        out.command(bytes("RESTORE"), (byte[]) name, bytes(Long.toString(Math.max(pttl, 0))),
                                payload, bytes("REPLACE"));
                        keys++;
                        payloadBytes += payload.length;
                    }
                } while (!cursor.equals("0"));
            }
            out.flush();
            System.err.printf("dumped %d keys, %d payload bytes%n", keys, payloadBytes);
        }
    }

    /** Database numbers that hold keys, from INFO keyspace ("db0:keys=...,expires=..."). */
    private static List<Integer> databases(RespWriter redis, RespReader in) throws IOException {
        String info = new String((byte[]) call(redis, in, "INFO", "keyspace"), StandardCharsets.US_ASCII);
        List<Integer> dbs = new ArrayList<>();
        for (String line : info.split("\r\n")) {
            if (line.startsWith("db") && line.contains(":keys=")) {
                dbs.add(Integer.parseInt(line.substring(2, line.indexOf(':'))));
            }
        }
        return dbs;
    }

    private static Object call(RespWriter redis, RespReader in, String... args) throws IOException {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = bytes(args[i]);
        }
        redis.command(argv);
        redis.flush();
        return in.read();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static final class RespWriter {
        private final OutputStream os;

        RespWriter(OutputStream os) {
            this.os = os;
        }

        void command(byte[]... argv) throws IOException {
            line('*', argv.length);
            for (byte[] a : argv) {
                line('$', a.length);
                os.write(a);
                os.write('\r');
                os.write('\n');
            }
        }

        private void line(char type, long n) throws IOException {
            os.write(type);
            os.write(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
            os.write('\r');
            os.write('\n');
        }

        void flush() throws IOException {
            os.flush();
        }
    }

    static final class RespReader {
        private final InputStream in;

        RespReader(InputStream in) {
            this.in = in;
        }

        /** Simple string as String, integer as Long, bulk as byte[] (null for nil), array as List. */
        Object read() throws IOException {
            int type = in.read();
            String line = readLine();
            switch (type) {
                case '+':
                    return line;
                case '-':
                    throw new IOException("Redis error: " + line);
                case ':':
                    return Long.parseLong(line);
                case '$': {
                    int len = Integer.parseInt(line);
                    if (len < 0) {
                        return null;
                    }
                    byte[] b = in.readNBytes(len);
                    if (b.length < len || in.read() != '\r' || in.read() != '\n') {
                        throw new EOFException("truncated bulk reply");
                    }
                    return b;
                }
                case '*': {
                    int n = Integer.parseInt(line);
                    List<Object> items = new ArrayList<>(Math.max(n, 0));
                    for (int i = 0; i < n; i++) {
                        items.add(read());
                    }
                    return items;
                }
                default:
                    throw new IOException("unexpected RESP type " + type);
            }
        }

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c = in.read(); c != '\r'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed");
                }
                sb.append((char) c);
            }
            in.read(); // '\n'
            return sb.toString();
        }
    }
}
