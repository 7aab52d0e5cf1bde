package dev.caravan.redis;

/**
 * The keys of one database already written, as 64-bit hashes, because SCAN may return a key twice
 * (when the server resizes its hash table during the scan) and an RDB with a key twice does not
 * load. 16 bytes per key at most (an open-addressing table kept at most half full): about 160 MB
 * for ten million keys in one database. Two different keys with the same 64-bit hash (about one
 * chance in 10^7 at ten million keys) would make the second look like a repeat.
 */
final class SeenKeys {

    private static final int INITIAL = 1 << 12;

    private long[] table = new long[INITIAL];
    private int size;

    /** Adds the key; false if it (or a key with the same hash) was already there. */
    boolean add(byte[] key) {
        long h = hash(key);
        if (h == 0) {
            h = 1;
        }
        int mask = table.length - 1;
        int i = (int) mix(h) & mask;
        while (table[i] != 0) {
            if (table[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = h;
        if (++size * 2 > table.length) {
            grow();
        }
        return true;
    }

    int size() {
        return size;
    }

    void clear() {
        table = new long[INITIAL];
        size = 0;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long h : old) {
            if (h != 0) {
                int i = (int) mix(h) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = h;
            }
        }
    }

    /** FNV-1a over the bytes, then the MurmurHash3 finaliser to spread every bit. */
    static long hash(byte[] key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h ^ key.length);
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
