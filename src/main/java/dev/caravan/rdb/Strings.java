package dev.caravan.rdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The RDB length and string encodings (redis/redis src/rdb.h): a length is 6 bits, 14 bits, or
 * a 0x80/0x81 marker followed by a 32/64-bit big-endian integer; a string is a length and raw
 * bytes, or a special encoding (0xC0 int8, 0xC1 int16, 0xC2 int32 little-endian, 0xC3 LZF with
 * compressed and decompressed lengths).
 */
final class Strings {

    /** Up-front allocation cap: larger values grow only as their bytes actually arrive. */
    static final int ALLOC_CHUNK = 64 * 1024;

    private Strings() {
    }

    /** A length that must fit a signed long (sizes and counts). */
    static long readLength(RdbInput in) throws IOException {
        long v = readUnsigned(in);
        if (v < 0) {
            throw in.fail("expected a length, found 64-bit length 0x" + Long.toHexString(v));
        }
        return v;
    }

    /** A full unsigned 64-bit length (module ids, stream ids). */
    static long readUnsigned(RdbInput in) throws IOException {
        int b = in.readU8();
        switch (b >>> 6) {
            case 0:
                return b;
            case 1:
                return ((b & 0x3f) << 8) | in.readU8();
            case 2:
                if (b == 0x80) {
                    return in.readBE(4);
                }
                if (b == 0x81) {
                    return in.readBE(8);
                }
                throw in.fail("expected a length, found length marker 0x" + hex(b));
            default:
                throw in.fail("expected a length, found string encoding byte 0x" + hex(b));
        }
    }

    /** Reads a length that must fit in an int (counts, db numbers). */
    static int readIntLength(RdbInput in, String what) throws IOException {
        long v = readLength(in);
        if (v > Integer.MAX_VALUE) {
            throw in.fail("expected " + what + " below 2^31, found " + v);
        }
        return (int) v;
    }

    static String hex(int b) {
        return String.format("%02X", b);
    }

    /**
     * Opens the next string as a byte stream for a nested encoding; integer-encoded strings are
     * refused because no nested encoding can be stored that way.
     */
    static ValueSource openBlob(RdbInput in, String what) throws IOException {
        long at = in.offset();
        int b = in.readU8();
        ValueSource src;
        if (b >>> 6 == 3) {
            if ((b & 0x3f) != 3) {
                throw in.failAt(at, "expected a " + what + " blob, found an integer-encoded string");
            }
            long clen = readLength(in);
            long len = readLength(in);
            if (clen == 0) {
                throw in.failAt(at, "expected an LZF blob, found compressed length 0");
            }
            src = new Lzf(in, clen, len);
        } else {
            in.pos--;
            src = new ValueSource.Raw(in, readLength(in));
        }
        src.what = what;
        return src;
    }

    /**
     * Skips a string by its stored length alone: an LZF string's compressed bytes are passed over,
     * not decompressed or checked. Only for input a full parse has already validated.
     */
    static void skipStored(RdbInput in) throws IOException {
        skip(in, false);
    }

    /** Validates and skips a string; returns nothing because only its bytes matter. */
    static void skip(RdbInput in) throws IOException {
        skip(in, true);
    }

    private static void skip(RdbInput in, boolean check) throws IOException {
        // fast path: a short raw string wholly in the buffer (most keys, fields and members)
        int pos = in.pos;
        if (pos < in.lim) {
            int b = in.buf[pos] & 0xff;
            if (b < 0x40 && in.lim - pos > b) {
                in.pos = pos + 1 + b;
                return;
            }
        }
        int b = in.readU8();
        if (b >>> 6 != 3) {
            in.pos--;
            in.skip(readLength(in));
            return;
        }
        switch (b & 0x3f) {
            case 0 -> in.skip(1);
            case 1 -> in.skip(2);
            case 2 -> in.skip(4);
            case 3 -> {
                if (check) {
                    in.pos--;
                    ValueSource src = openBlob(in, "LZF string");
                    src.skip(src.length);
                    src.finish();
                } else {
                    long compressed = readLength(in);
                    readLength(in);
                    in.skip(compressed);
                }
            }
            default -> throw in.fail("expected a string, found unknown string encoding 0x" + hex(b));
        }
    }

    /** Reads a whole string (integer encodings become their decimal text, as Redis loads them). */
    static byte[] read(RdbInput in) throws IOException {
        int b = in.readU8();
        if (b >>> 6 == 3) {
            switch (b & 0x3f) {
                case 0:
                    return ascii((byte) in.readU8());
                case 1:
                    return ascii((short) in.readLE(2));
                case 2:
                    return ascii((int) in.readLE(4));
                case 3:
                    in.pos--;
                    return readAll(openBlob(in, "LZF string"));
                default:
                    throw in.fail("expected a string, found unknown string encoding 0x" + hex(b));
            }
        }
        in.pos--;
        long len = readLength(in);
        return readAll(new ValueSource.Raw(in, len));
    }

    /** Reads a blob fully, growing the array only as bytes arrive (no allocation from a bare length). */
    static byte[] readAll(ValueSource src) throws IOException {
        if (src.length > Integer.MAX_VALUE - 16) {
            throw src.fail("value of " + src.length + " bytes is too large to decode in memory");
        }
        int len = (int) src.length;
        byte[] out = new byte[Math.min(len, ALLOC_CHUNK)];
        int filled = 0;
        while (filled < len) {
            if (filled == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(len, (long) out.length * 2));
            }
            int n = out.length - filled;
            src.read(out, filled, n);
            filled += n;
        }
        src.finish();
        return out;
    }

    static byte[] ascii(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads a string that must be an integer (stream ids, module ids in text) — decimal parse. */
    static long parseLong(byte[] s) {
        return Long.parseLong(new String(s, StandardCharsets.US_ASCII));
    }

    /**
     * Parses a score as Redis's strtod would for sorted sets: decimal or "inf"/"-inf"/"nan";
     * returns null when it is not a number.
     */
    static Double parseDouble(byte[] s, int len) {
        if (len == 0 || len > 128) {
            return null;
        }
        double simple = simpleDecimal(s, len);
        if (!Double.isNaN(simple)) {
            return simple;
        }
        String t = new String(s, 0, len, StandardCharsets.US_ASCII);
        char first = t.charAt(0);
        if ((first >= '0' && first <= '9') || ((first == '-' || first == '.') && len > 1 && Character.isDigit(t.charAt(1)))) {
            return parseDecimal(t);
        }
        switch (t.toLowerCase()) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                break;
        }
        return parseDecimal(t);
    }

    /**
     * Whether {@link #parseDouble} takes {@code s}, for validating without the value: the common
     * {@code [-]digits[.digits]} form of any length is decided by its characters alone (parsing a
     * long one was the validating pass's costliest step for sorted sets), anything else by parsing.
     */
    static boolean isScore(byte[] s, int len) {
        if (len == 0 || len > 128) {
            return false;
        }
        boolean digits = false;
        boolean point = false;
        for (int i = s[0] == '-' ? 1 : 0; i < len; i++) {
            int c = s[i];
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return parseDouble(s, len) != null;
            }
        }
        return digits || parseDouble(s, len) != null;
    }

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};

    /**
     * [-]digits[.digits] with at most 15 digits: the integer and the power of ten are both exact
     * doubles, so one division is correctly rounded (Clinger's fast path). NaN when not simple.
     */
    private static double simpleDecimal(byte[] s, int len) {
        int i = s[0] == '-' ? 1 : 0;
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < len; i++) {
            int c = s[i];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                if (++digits > 15) {
                    return Double.NaN;
                }
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        double v = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
        return s[0] == '-' ? -v : v;
    }

    private static Double parseDecimal(String t) {
        char last = t.charAt(t.length() - 1);
        if (!Character.isDigit(last) && last != '.') {
            return null; // Java accepts "1d"/"1f" suffixes and "NaN"/"Infinity" spellings, strtod differs
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
