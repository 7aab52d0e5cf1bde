package dev.caravan.rdb;

import java.nio.charset.StandardCharsets;

/**
 * Escapes arbitrary bytes (Redis key names are binary) into printable ASCII, the way
 * {@code redis-cli} shows them: printable ASCII stays, {@code \} and {@code "} are escaped, and
 * every other byte is {@code \xHH}. The result is safe in a manifest, a log line and a terminal,
 * and it is unambiguous, so two different keys never escape alike (before truncation). One rule
 * for every place a key is shown, so a key reads the same in an error, a report and a manifest.
 */
public final class Printable {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {
    }

    /**
     * Escapes {@code raw}, keeping at most {@code maxBytes} input bytes; a longer input ends with
     * {@code ...(N bytes)} giving its full length.
     */
    public static String escape(byte[] raw, int maxBytes) {
        int n = Math.min(raw.length, maxBytes);
        StringBuilder out = new StringBuilder(n + 16);
        for (int i = 0; i < n; i++) {
            append(out, raw[i]);
        }
        if (raw.length > n) {
            out.append("...(").append(raw.length).append(" bytes)");
        }
        return out.toString();
    }

    /** Escapes the UTF-8 bytes of {@code text}, for messages that quote untrusted input. */
    public static String escape(String text, int maxBytes) {
        return escape(text.getBytes(StandardCharsets.UTF_8), maxBytes);
    }

    /**
     * The escaped bytes in double quotes, for messages and reports; once the text passes
     * {@code maxChars} it is cut and ends with {@code "...}.
     */
    public static String quoted(byte[] bytes, int maxChars) {
        StringBuilder sb = new StringBuilder(Math.min(bytes.length, maxChars) + 8).append('"');
        for (byte b : bytes) {
            if (sb.length() > maxChars) {
                return sb.append("\"...").toString();
            }
            append(sb, b);
        }
        return sb.append('"').toString();
    }

    private static void append(StringBuilder out, byte raw) {
        int b = raw & 0xff;
        if (b == '\\' || b == '"') {
            out.append('\\').append((char) b);
        } else if (b >= 0x20 && b < 0x7f) {
            out.append((char) b);
        } else {
            out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xf]);
        }
    }
}
