package dev.caravan.rdb;

/**
 * One key as found in the file: its database, key bytes, value type, absolute expiry in
 * milliseconds (-1 none), LRU idle seconds and LFU frequency (-1 when absent), and the offset of
 * its type byte.
 */
public record RdbEntry(int db, byte[] key, RdbType type, long expireAtMs, long idle, int freq, long offset) {

    /** The key, escaped and truncated for display. */
    public String printableKey() {
        return Printable.quoted(key, 64);
    }

    @Override
    public String toString() {
        return "RdbEntry[db=" + db + ", key=" + printableKey() + ", type=" + type + ", expireAtMs="
                + expireAtMs + ", offset=" + offset + "]";
    }
}
