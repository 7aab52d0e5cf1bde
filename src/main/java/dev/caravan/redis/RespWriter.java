package dev.caravan.redis;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes RESP2 commands (arrays of bulk strings) to a stream: a server's socket, or a file of
 * commands that is sent later as it is. A bulk argument may stream from an {@link InputStream} of
 * known length, so a value of any size passes without being held in memory.
 */
public final class RespWriter {

    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;

    /** {@code out} should be buffered: the writer makes many small writes. */
    public RespWriter(OutputStream out) {
        this.out = out;
    }

    /** A whole command. */
    public void command(byte[]... args) throws IOException {
        arrayHeader(args.length);
        for (byte[] arg : args) {
            bulk(arg, 0, arg.length);
        }
    }

    /** Starts a command of {@code count} arguments, each then written with a {@code bulk} method. */
    public void arrayHeader(int count) throws IOException {
        out.write('*');
        out.write(ascii(count));
        out.write(CRLF);
    }

    public void bulk(byte[] arg, int offset, int length) throws IOException {
        bulkHeader(length);
        out.write(arg, offset, length);
        out.write(CRLF);
    }

    /** A bulk argument of {@code length} bytes read from {@code source}. */
    public void bulk(InputStream source, long length) throws IOException {
        bulkHeader(length);
        byte[] chunk = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = source.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) {
                throw new EOFException("the payload ended " + left + " bytes early");
            }
            out.write(chunk, 0, n);
            left -= n;
        }
        out.write(CRLF);
    }

    /** Bytes that already are RESP commands (a file this class wrote), as they are. */
    public void raw(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void bulkHeader(long length) throws IOException {
        out.write('$');
        out.write(ascii(length));
        out.write(CRLF);
    }

    private static byte[] ascii(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }
}
