package dev.caravan.rdb;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Frames a value's raw bytes as a RESTORE-ready DUMP payload on the fly: writes the type byte
 * first, passes the value bytes through, and on {@link #close()} appends the 2-byte RDB version
 * and the CRC-64 of everything before it (both little-endian). Closing does NOT close the
 * wrapped stream, so payloads can be streamed one after another into a socket.
 */
public final class DumpPayloadOutputStream extends OutputStream {

    private final OutputStream out;
    private final int version;
    private long crc;
    private long count;
    private boolean closed;

    /** A payload for a value of {@code type}, stamped with the type's minimum RDB version. */
    public DumpPayloadOutputStream(OutputStream out, RdbType type) throws IOException {
        this(out, type.code(), type.minVersion());
    }

    /** A payload with an explicit type byte and RDB version. */
    public DumpPayloadOutputStream(OutputStream out, int typeCode, int version) throws IOException {
        if (version < 1 || version > 0xffff || typeCode < 0 || typeCode > 255) {
            throw new IllegalArgumentException("type " + typeCode + " / version " + version + " out of range");
        }
        this.out = out;
        this.version = version;
        write(typeCode);
    }

    @Override
    public void write(int b) throws IOException {
        crc = Crc64.update(crc, b & 0xff);
        count++;
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        crc = Crc64.update(crc, b, off, len);
        count += len;
        out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Appends the footer (once). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        write(version & 0xff);
        write(version >>> 8);
        byte[] footer = new byte[8];
        long c = crc;
        for (int i = 0; i < 8; i++) {
            footer[i] = (byte) (c >>> (8 * i));
        }
        out.write(footer);
        count += 8;
    }

    /** Bytes written so far, footer included once closed. */
    public long size() {
        return count;
    }
}
