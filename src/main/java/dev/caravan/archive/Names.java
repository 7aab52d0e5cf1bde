package dev.caravan.archive;

import dev.caravan.rdb.Printable;

/**
 * Checks the names that become path segments and object keys (source, shard, prefix segments).
 * A name that passes is one plain segment in every store: it cannot climb out of its folder,
 * hide itself, or make a key that an S3 console, an SFTP server or a shell mangles.
 */
public final class Names {

    /** Long enough for any real source or shard name, short enough for every store's key limit. */
    public static final int MAX_LENGTH = 100;

    private Names() {
    }

    /**
     * Returns {@code value} if it is a safe single segment: 1 to {@link #MAX_LENGTH} characters
     * among ASCII letters, digits, {@code .}, {@code _} and {@code -}, not starting with {@code .}
     * and without {@code ..}.
     *
     * @param what what the name is, for the message ("source name", "shard name")
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String requireSafe(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " " + quote(value) + " is " + value.length()
                    + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '\\') {
                throw new IllegalArgumentException(what + " " + quote(value) + " contains a path separator '" + c
                        + "' at index " + i + "; it must be a single name, not a path");
            }
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " " + quote(value) + " contains the control character U+"
                        + String.format("%04X", (int) c) + " at index " + i);
            }
            if (!isAllowed(c)) {
                throw new IllegalArgumentException(what + " " + quote(value) + " contains '" + c + "' at index " + i
                        + "; allowed are ASCII letters, digits, '.', '_' and '-'");
            }
        }
        if (value.contains("..")) {
            throw new IllegalArgumentException(what + " " + quote(value) + " contains '..'");
        }
        if (value.charAt(0) == '.') {
            throw new IllegalArgumentException(what + " " + quote(value)
                    + " starts with '.'; hidden and temporary files start so");
        }
        return value;
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    /** {@code value} in single quotes with control and non-ASCII characters escaped, for messages. */
    static String quote(String value) {
        return "'" + Printable.escape(value, 120) + "'";
    }
}
