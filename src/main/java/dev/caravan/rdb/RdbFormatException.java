package dev.caravan.rdb;

import java.io.IOException;

/**
 * The one exception for a truncated, corrupt or unsupported RDB stream or DUMP payload. The
 * message names the byte offset, the database and key when known, and what was expected.
 */
public final class RdbFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long offset;

    public RdbFormatException(long offset, String message) {
        super(message);
        this.offset = offset;
    }

    /** Absolute byte offset in the input where the problem was detected, or -1 if unknown. */
    public long offset() {
        return offset;
    }

    /** Builds the standard message: {@code offset 12 in db 0, key "k": what}. */
    static RdbFormatException at(long offset, int db, byte[] key, String what) {
        StringBuilder sb = new StringBuilder(96).append("offset ").append(offset);
        if (db >= 0) {
            sb.append(" in db ").append(db);
        }
        if (key != null) {
            sb.append(db >= 0 ? ", key " : " in key ").append(Printable.quoted(key, 64));
        }
        return new RdbFormatException(offset, sb.append(": ").append(what).toString());
    }
}
