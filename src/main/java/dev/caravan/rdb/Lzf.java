package dev.caravan.rdb;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Streaming LZF decompressor (the format of redis/redis src/lzf_d.c): a control byte below 32
 * starts a literal run of ctrl+1 bytes; otherwise the top three bits are a length (7 means an
 * extra length byte follows) and the low five bits plus the next byte a back-reference distance
 * of at most 8 KiB. So a 64 KiB ring of recent output is all the memory a value of any size
 * needs; blobs are never open two at a time, so the ring is the input's, reused. The decompressed length must equal the declared one and the compressed bytes must be
 * used exactly. A batch is decoded only once the previous one is consumed, so the ring ahead of
 * the output holds nothing anyone still reads: the fast copies write whole words past an
 * instruction's end.
 */
final class Lzf extends ValueSource {

    private static final int RING = 1 << 16;
    private static final int MASK = RING - 1;
    /** Produce output in batches of about this size, leaving ≥ 8 KiB of history in the ring. */
    private static final int BATCH = RING / 2;
    /** Longest instruction: a control byte and a 32-byte literal. */
    private static final int MAX_INSTRUCTION = 33;
    private static final int MAX_LITERAL = 32;
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] ring;
    private long compressedLeft;
    /** Total bytes produced so far. */
    private long produced;

    Lzf(RdbInput in, long compressedLength, long length) {
        super(in, length);
        this.compressedLeft = compressedLength;
        this.ring = in.lzfRing(RING);
    }

    private int nextCompressed() throws IOException {
        if (compressedLeft <= 0) {
            throw fail("LZF data ends in the middle of an instruction");
        }
        compressedLeft--;
        return in.readU8();
    }

    /** Decodes instructions until a batch is ready or the compressed data is exhausted. */
    private void fill() throws IOException {
        long target = produced + BATCH;
        while (produced < target && compressedLeft > 0) {
            if (!fastFill(target)) {
                slowStep();
            }
        }
    }

    /**
     * One instruction with every check, reading byte by byte: where the fast loop stops short
     * (an instruction cut by the end of the input, or bad data, whose message this gives).
     */
    private void slowStep() throws IOException {
        int ctrl = nextCompressed();
        if (ctrl < 32) {
            int run = ctrl + 1;
            checkOutput(run);
            if (compressedLeft < run) {
                throw fail("LZF literal run of " + run + " bytes, only " + compressedLeft + " compressed bytes left");
            }
            compressedLeft -= run;
            int at = (int) (produced & MASK);
            int first = Math.min(run, RING - at);
            in.readFully(ring, at, first);
            in.readFully(ring, 0, run - first);
            produced += run;
        } else {
            int len = ctrl >>> 5;
            if (len == 7) {
                len += nextCompressed();
            }
            len += 2;
            int distance = ((ctrl & 0x1f) << 8) + nextCompressed() + 1;
            if (distance > produced) {
                throw fail("LZF back-reference " + distance + " bytes back, only " + produced + " decoded");
            }
            checkOutput(len);
            int to = (int) (produced & MASK);
            int from = (int) ((produced - distance) & MASK);
            for (int i = 0; i < len; i++) {
                ring[(to + i) & MASK] = ring[(from + i) & MASK]; // overlapping copies repeat bytes
            }
            produced += len;
        }
    }

    /**
     * The hot loop, straight on the input buffer, for as long as each next instruction is whole
     * in the buffer and within the compressed length, and its output within the declared length
     * (so a short value, whose every instruction is near its end, runs here too).
     *
     * @return false if it stopped before {@code target} without decoding anything: the next
     *         instruction is for {@link #slowStep}
     */
    private boolean fastFill(long target) throws IOException {
        if (!in.ensure((int) Math.min(compressedLeft, MAX_INSTRUCTION))) {
            return false;
        }
        byte[] src = in.buf;
        byte[] r = ring;
        int p = in.pos;
        int lim = in.lim;
        long left = compressedLeft;
        long out = produced;
        long end = length;
        boolean progress = false;
        while (out < target && p < lim) {
            int ctrl = src[p] & 0xff;
            int to = (int) (out & MASK);
            if (ctrl < 32) {
                int run = ctrl + 1;
                if (run + 1 > left || p + 1 + run > lim || out + run > end) {
                    break;
                }
                p++;
                if (to + MAX_LITERAL <= RING && p + MAX_LITERAL <= src.length) {
                    // Four words whatever the run: cheaper than a call for 1 to 32 bytes. Bytes
                    // past the run come from the buffer's array (maybe stale, never used) and
                    // land on output not produced yet (64 KiB old, beyond any back-reference).
                    LONG_LE.set(r, to, (long) LONG_LE.get(src, p));
                    LONG_LE.set(r, to + 8, (long) LONG_LE.get(src, p + 8));
                    LONG_LE.set(r, to + 16, (long) LONG_LE.get(src, p + 16));
                    LONG_LE.set(r, to + 24, (long) LONG_LE.get(src, p + 24));
                } else if (to + run <= RING) {
                    System.arraycopy(src, p, r, to, run);
                } else {
                    for (int i = 0; i < run; i++) {
                        r[(to + i) & MASK] = src[p + i];
                    }
                }
                p += run;
                out += run;
                left -= run + 1;
            } else {
                int len = ctrl >>> 5;
                int size = len == 7 ? 3 : 2;
                if (size > left || p + size > lim) {
                    break;
                }
                if (len == 7) {
                    len += src[p + 1] & 0xff;
                }
                len += 2;
                int distance = ((ctrl & 0x1f) << 8) + (src[p + size - 1] & 0xff) + 1;
                if (distance > out || out + len > end) {
                    break; // bad data: slowStep says what is wrong
                }
                p += size;
                left -= size;
                int from = (int) ((out - distance) & MASK);
                if (distance >= 8 && to + len + 8 <= RING && from + len + 8 <= RING) {
                    // Word by word, up to 7 bytes past the end (output not produced yet): with
                    // 8 or more bytes of distance each word read is already written, so this
                    // is the byte-by-byte copy's result, overlapping or not.
                    for (int i = 0; i < len; i += 8) {
                        LONG_LE.set(r, to + i, (long) LONG_LE.get(r, from + i));
                    }
                } else if (to + len <= RING && from + len <= RING) {
                    for (int i = 0; i < len; i++) {
                        r[to + i] = r[from + i]; // a forward byte copy repeats the overlapping pattern
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        r[(to + i) & MASK] = r[(from + i) & MASK];
                    }
                }
                out += len;
            }
            progress = true;
        }
        in.pos = p;
        compressedLeft = left;
        produced = out;
        return progress || out >= target;
    }

    /**
     * Skipping to the end of a value whose bytes nobody reads (a plain string being validated):
     * walks the remaining instructions and checks what decompressing would (each within the
     * compressed bytes, each back-reference within the output so far, the output within the
     * declared length, and reaching it) without producing the bytes. Leaves {@code produced} at
     * the declared length; trailing compressed bytes are for {@link #finish} to refuse.
     */
    private void countRest() throws IOException {
        long out = produced;
        long left = compressedLeft;
        long end = length;
        while (out < end) {
            if (left == 0) {
                throw fail("LZF data decompresses to " + out + " bytes, declared " + end);
            }
            boolean progress = false;
            if (in.ensure((int) Math.min(left, MAX_INSTRUCTION))) {
                byte[] src = in.buf;
                int p = in.pos;
                int lim = in.lim;
                while (out < end && p < lim) {
                    int ctrl = src[p] & 0xff;
                    if (ctrl < 32) {
                        int size = ctrl + 2;
                        if (size > left || p + size > lim || out + ctrl + 1 > end) {
                            break;
                        }
                        out += ctrl + 1;
                        p += size;
                        left -= size;
                    } else {
                        int len = ctrl >>> 5;
                        int size = len == 7 ? 3 : 2;
                        if (size > left || p + size > lim) {
                            break;
                        }
                        len += 2 + (len == 7 ? src[p + 1] & 0xff : 0);
                        int distance = ((ctrl & 0x1f) << 8) + (src[p + size - 1] & 0xff) + 1;
                        if (distance > out || out + len > end) {
                            break;
                        }
                        out += len;
                        p += size;
                        left -= size;
                    }
                    progress = true;
                }
                in.pos = p;
            }
            produced = out;
            compressedLeft = left;
            if (!progress) {
                slowStep(); // cut input or bad data: it throws and says which
                out = produced;
                left = compressedLeft;
            }
        }
        produced = out;
        compressedLeft = left;
    }

    private void checkOutput(int n) throws RdbFormatException {
        if (produced + n > length) {
            throw fail("LZF data decompresses past the declared length " + length);
        }
    }

    private void available() throws IOException {
        if (position >= produced) {
            fill();
            if (position >= produced) {
                need(1);
                throw fail("LZF data decompresses to " + produced + " bytes, declared " + length);
            }
        }
    }

    @Override
    int read() throws IOException {
        if (position >= produced) {
            need(1);
            available();
        }
        return ring[(int) (position++ & MASK)] & 0xff;
    }

    @Override
    int window() {
        return (int) Math.min(produced - position, RING - (position & MASK));
    }

    @Override
    byte[] array() {
        return ring;
    }

    @Override
    int arrayPos() {
        return (int) (position & MASK);
    }

    @Override
    void advance(int n) {
        position += n;
    }

    @Override
    void read(byte[] dst, int off, int len) throws IOException {
        need(len);
        while (len > 0) {
            available();
            int n = (int) Math.min(len, produced - position);
            int at = (int) (position & MASK);
            n = Math.min(n, RING - at);
            System.arraycopy(ring, at, dst, off, n);
            position += n;
            off += n;
            len -= n;
        }
    }

    @Override
    void skip(long n) throws IOException {
        need(n);
        if (position + n == length && produced < length) {
            position = produced;
            countRest();
            position = length;
            return;
        }
        while (n > 0) {
            available();
            long step = Math.min(n, produced - position);
            position += step;
            n -= step;
        }
    }

    @Override
    void finish() throws IOException {
        if (position != length) {
            throw fail("expected the " + what + " to end here, found " + (length - position) + " trailing bytes");
        }
        if (compressedLeft > 0) {
            fill();
        }
        if (produced != length || compressedLeft != 0) {
            throw fail("LZF data decompresses to more than the declared length " + length);
        }
    }
}
