package dev.caravan.redis;

import java.util.Arrays;

/**
 * The keys of one database already written, as 64-bit hashes, because SCAN may return a key twice
 * (when the server resizes its hash table during the scan) and an RDB with a key twice does not
 * load. Two different keys with the same 64-bit hash (about one chance in 10^7 at ten million
 * keys) would make the second look like a repeat.
 *
 * <p>Memory, the reason for the shape: 256 open-addressing segments, chosen by a hash's top byte,
 * each kept 53% to 80% full and grown by half on its own. So a key costs 10 to 15 bytes, and growing
 * never holds two copies of the whole set (a single table doubling at half full took 16 to 32
 * bytes a key, and 48 while it grew: past about four million keys in one database, the copy no
 * longer fit a 256 MB heap's old generation).
 */
final class SeenKeys {

    private static final int SEGMENT_BITS = 8;
    private static final int INITIAL = 16;

    private final long[][] segments = new long[1 << SEGMENT_BITS][];
    private final int[] used = new int[1 << SEGMENT_BITS];

    /** Adds the key; false if it (or a key with the same hash) was already there. */
    boolean add(byte[] key) {
        long h = hash(key);
        if (h == 0) {
            h = 1; // 0 marks an empty slot
        }
        int s = (int) (h >>> (64 - SEGMENT_BITS));
        long[] table = segments[s];
        if (table == null) {
            table = new long[INITIAL];
            segments[s] = table;
        }
        int i = slot(h, table.length);
        while (table[i] != 0) {
            if (table[i] == h) {
                return false;
            }
            if (++i == table.length) {
                i = 0;
            }
        }
        table[i] = h;
        if (++used[s] * 5 > table.length * 4) {
            segments[s] = grown(table);
        }
        return true;
    }

    int size() {
        return Arrays.stream(used).sum();
    }

    /** Bytes the remembered hashes take (the segments' slots). */
    long footprint() {
        long slots = 0;
        for (long[] table : segments) {
            slots += table == null ? 0 : table.length;
        }
        return slots * Long.BYTES;
    }

    void clear() {
        Arrays.fill(segments, null);
        Arrays.fill(used, 0);
    }

    private static long[] grown(long[] old) {
        long[] table = new long[old.length + old.length / 2];
        for (long h : old) {
            if (h != 0) {
                int i = slot(h, table.length);
                while (table[i] != 0) {
                    if (++i == table.length) {
                        i = 0;
                    }
                }
                table[i] = h;
            }
        }
        return table;
    }

    /** The hash's low 32 bits scaled to the capacity (multiply and shift: capacities are not powers of two). */
    private static int slot(long h, int capacity) {
        return (int) (((h & 0xffffffffL) * capacity) >>> 32);
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
