package dev.caravan.restore;

/**
 * The keys of the later backups of a merge, as 64-bit hashes of (database, key) in an
 * open-addressing table: 16 bytes of heap per key at most (8 per slot, half full), whatever the
 * key's length. Two different keys with the same hash would make the earlier one's key be left
 * out; at 64 bits that takes about four billion keys to become likely.
 */
final class KeyHashSet {

    private long[] slots = new long[1024];
    private boolean hasZero;
    private int size;

    /** Adds the hash; returns false when it was there already. */
    boolean add(long hash) {
        if (hash == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = (int) mix(hash) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == hash) {
                return false;
            }
            if (slots[i] == 0) {
                slots[i] = hash;
                size++;
                return true;
            }
        }
    }

    boolean contains(long hash) {
        if (hash == 0) {
            return hasZero;
        }
        int mask = slots.length - 1;
        for (int i = (int) mix(hash) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == hash) {
                return true;
            }
            if (slots[i] == 0) {
                return false;
            }
        }
    }

    /** A 64-bit hash of a key in a database (FNV-1a over the bytes, then a murmur3 finaliser). */
    static long hash(int db, byte[] key) {
        long h = 0xcbf29ce484222325L ^ db;
        for (byte b : key) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h ^ key.length);
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long h : old) {
            if (h != 0) {
                add(h);
            }
        }
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
