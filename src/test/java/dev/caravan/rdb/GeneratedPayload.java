package dev.caravan.rdb;

import java.io.InputStream;
import java.util.Random;

/**
 * A DUMP payload produced on the fly for big-value tests: a header, a generated body and the
 * footer (version, CRC-64 computed as the bytes go by). Nothing is held but a 64 KiB pattern.
 */
final class GeneratedPayload extends InputStream {

    private final byte[] header;
    private final long bodyLength;
    private final byte[] pattern;
    private final int version;
    private final boolean lzfBackrefs;
    private long pos;
    private long crc;
    private byte[] footer;

    private GeneratedPayload(byte[] header, long bodyLength, byte[] pattern, boolean lzfBackrefs, int version) {
        this.header = header;
        this.bodyLength = bodyLength;
        this.pattern = pattern;
        this.lzfBackrefs = lzfBackrefs;
        this.version = version;
    }

    /** A raw string value of {@code size} pseudo-random bytes. */
    static GeneratedPayload rawString(long size) {
        byte[] pattern = new byte[64 * 1024 + 7];
        new Random(7).nextBytes(pattern);
        byte[] header = {0, (byte) 0x80, (byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size};
        return new GeneratedPayload(header, size, pattern, false, 9);
    }

    /**
     * An LZF string value decompressing to {@link #lzfLength(long)} bytes: a 32-byte literal,
     * then {@code backrefs} back-references of 264 bytes at distance 32 (3 bytes each).
     */
    static GeneratedPayload lzfString(long backrefs) {
        byte[] literal = new byte[33];
        new Random(9).nextBytes(literal);
        literal[0] = 31; // literal run of 32 bytes
        long clen = 33 + 3 * backrefs;
        long len = lzfLength(backrefs);
        byte[] header = new byte[2 + 5 + 5];
        header[0] = 0;
        header[1] = (byte) 0xC3;
        putLen32(header, 2, clen);
        putLen32(header, 7, len);
        return new GeneratedPayload(header, clen, literal, true, 9);
    }

    static long lzfLength(long backrefs) {
        return 32 + 264 * backrefs;
    }

    private static void putLen32(byte[] b, int at, long v) {
        b[at] = (byte) 0x80;
        b[at + 1] = (byte) (v >>> 24);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 8);
        b[at + 4] = (byte) v;
    }

    long length() {
        return header.length + bodyLength + 10;
    }

    private int byteAt(long i) {
        if (i < header.length) {
            return header[(int) i] & 0xff;
        }
        long b = i - header.length;
        if (b < bodyLength) {
            if (!lzfBackrefs) {
                return pattern[(int) (b % pattern.length)] & 0xff;
            }
            if (b < pattern.length) {
                return pattern[(int) b] & 0xff;
            }
            // back-reference: ctrl (len 7 | distance-1 high bits 0), extra length 255, distance-1 low = 31
            return switch ((int) ((b - pattern.length) % 3)) {
                case 0 -> 0xE0;
                case 1 -> 0xFF;
                default -> 31;
            };
        }
        if (footer == null) {
            footer = new byte[10];
            footer[0] = (byte) version;
            footer[1] = (byte) (version >>> 8);
            long c = Crc64.update(crc, footer, 0, 2);
            for (int k = 0; k < 8; k++) {
                footer[2 + k] = (byte) (c >>> (8 * k));
            }
        }
        return footer[(int) (b - bodyLength)] & 0xff;
    }

    @Override
    public int read() {
        if (pos >= length()) {
            return -1;
        }
        int v = byteAt(pos);
        if (pos < header.length + bodyLength) {
            crc = Crc64.update(crc, v);
        }
        pos++;
        return v;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= length()) {
            return -1;
        }
        int n = (int) Math.min(len, length() - pos);
        long body = header.length + bodyLength;
        int crcBytes = (int) Math.max(0, Math.min(n, body - pos));
        if (!lzfBackrefs && pos >= header.length && pos + crcBytes <= body) {
            long start = pos - header.length;
            for (int i = 0; i < crcBytes; ) {
                int at = (int) ((start + i) % pattern.length);
                int step = Math.min(crcBytes - i, pattern.length - at);
                System.arraycopy(pattern, at, b, off + i, step);
                i += step;
            }
        } else {
            for (int i = 0; i < crcBytes; i++) {
                b[off + i] = (byte) byteAt(pos + i);
            }
        }
        crc = Crc64.update(crc, b, off, crcBytes);
        for (int i = crcBytes; i < n; i++) {
            b[off + i] = (byte) byteAt(pos + i);
        }
        pos += n;
        return n;
    }
}
