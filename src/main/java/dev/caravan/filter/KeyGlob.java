package dev.caravan.filter;

import java.nio.charset.StandardCharsets;

/**
 * A key pattern with the semantics of Redis's {@code KEYS}/{@code SCAN MATCH}: {@code *} any run,
 * {@code ?} one byte, {@code [abc]}, {@code [^abc]}, {@code [a-z]} classes and {@code \} to escape.
 * It matches raw key bytes, as Redis does, so binary keys work too.
 */
public final class KeyGlob {

    private final byte[] pattern;
    private final String text;

    private KeyGlob(String text) {
        this.text = text;
        this.pattern = text.getBytes(StandardCharsets.UTF_8);
    }

    public static KeyGlob of(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("a key pattern cannot be empty; use * to match every key");
        }
        return new KeyGlob(pattern);
    }

    public boolean matches(byte[] key) {
        return match(0, key, 0);
    }

    @Override
    public String toString() {
        return text;
    }

    private boolean match(int p, byte[] key, int k) {
        while (p < pattern.length) {
            byte c = pattern[p];
            if (c == '*') {
                while (p + 1 < pattern.length && pattern[p + 1] == '*') {
                    p++;
                }
                if (p + 1 == pattern.length) {
                    return true;
                }
                for (int from = k; from <= key.length; from++) {
                    if (match(p + 1, key, from)) {
                        return true;
                    }
                }
                return false;
            }
            if (k >= key.length) {
                return false;
            }
            if (c == '?') {
                p++;
                k++;
            } else if (c == '[') {
                int close = matchClass(p + 1, key[k]);
                if (close < 0) {
                    return false;
                }
                p = close + 1;
                k++;
            } else {
                if (c == '\\' && p + 1 < pattern.length) {
                    p++;
                }
                if (pattern[p] != key[k]) {
                    return false;
                }
                p++;
                k++;
            }
        }
        return k == key.length;
    }

    /**
     * Scans the class that starts at {@code from} (just after {@code [}) the way Redis does, and
     * returns the index of its last pattern byte when {@code b} is in it, or -1. An unclosed class
     * ends with the pattern; {@code x-y} is a range whenever two more bytes follow the first, even
     * when the last is {@code ]}, as in Redis.
     */
    private int matchClass(int from, byte b) {
        int i = from;
        boolean negate = i < pattern.length && pattern[i] == '^';
        if (negate) {
            i++;
        }
        boolean hit = false;
        while (true) {
            int left = pattern.length - i;
            if (left >= 2 && pattern[i] == '\\') {
                i++;
                hit |= pattern[i] == b;
            } else if (left > 0 && pattern[i] == ']') {
                break;
            } else if (left == 0) {
                i--;
                break;
            } else if (left >= 3 && pattern[i + 1] == '-') {
                int lo = pattern[i] & 0xff;
                int hi = pattern[i + 2] & 0xff;
                int v = b & 0xff;
                hit |= v >= Math.min(lo, hi) && v <= Math.max(lo, hi);
                i += 2;
            } else {
                hit |= pattern[i] == b;
            }
            i++;
        }
        return negate != hit ? i : -1;
    }
}
