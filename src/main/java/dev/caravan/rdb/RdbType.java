package dev.caravan.rdb;

/**
 * RDB value types: the type byte, the family Redis reports in {@code TYPE}, the encoding name,
 * and the lowest RDB version that can hold the type (used as the version of DUMP payloads).
 * Codes 22 and up mean different things under the REDIS and VALKEY magic (redis/redis and
 * valkey-io/valkey src/rdb.h).
 */
public enum RdbType {
    STRING(0, "string", "string", 1),
    LIST(1, "list", "linkedlist", 1),
    SET(2, "set", "hashtable", 1),
    ZSET(3, "zset", "skiplist", 1),
    HASH(4, "hash", "hashtable", 1),
    ZSET_2(5, "zset", "skiplist-binary-scores", 8),
    MODULE_PRE_GA(6, "module", "module-pre-ga", 8),
    MODULE_2(7, "module", "module", 8),
    HASH_ZIPMAP(9, "hash", "zipmap", 2),
    LIST_ZIPLIST(10, "list", "ziplist", 2),
    SET_INTSET(11, "set", "intset", 2),
    ZSET_ZIPLIST(12, "zset", "ziplist", 2),
    HASH_ZIPLIST(13, "hash", "ziplist", 4),
    LIST_QUICKLIST(14, "list", "quicklist", 7),
    STREAM_LISTPACKS(15, "stream", "listpacks", 9),
    HASH_LISTPACK(16, "hash", "listpack", 10),
    ZSET_LISTPACK(17, "zset", "listpack", 10),
    LIST_QUICKLIST_2(18, "list", "quicklist2", 10),
    STREAM_LISTPACKS_2(19, "stream", "listpacks2", 10),
    SET_LISTPACK(20, "set", "listpack", 11),
    STREAM_LISTPACKS_3(21, "stream", "listpacks3", 11),
    HASH_METADATA_PRE_GA(22, "hash", "metadata-pre-ga", 12),
    HASH_LISTPACK_EX_PRE_GA(23, "hash", "listpack-ex-pre-ga", 12),
    HASH_METADATA(24, "hash", "metadata", 12),
    HASH_LISTPACK_EX(25, "hash", "listpack-ex", 12),
    /** Valkey 9 hash with per-field expiry (type 22 under the VALKEY magic). */
    VALKEY_HASH_2(22, "hash", "hash2", 80);

    private static final RdbType[] REDIS = new RdbType[26];
    private static final RdbType[] VALKEY = new RdbType[23];

    static {
        for (RdbType t : values()) {
            if (t != VALKEY_HASH_2) {
                REDIS[t.code] = t;
                if (t.code < 22) {
                    VALKEY[t.code] = t;
                }
            }
        }
        VALKEY[22] = VALKEY_HASH_2;
    }

    private final int code;
    private final String family;
    private final String encoding;
    private final int minVersion;

    RdbType(int code, String family, String encoding, int minVersion) {
        this.code = code;
        this.family = family;
        this.encoding = encoding;
        this.minVersion = minVersion;
    }

    /** The type byte. */
    public int code() {
        return code;
    }

    /** string, list, set, zset, hash, stream or module. */
    public String family() {
        return family;
    }

    public String encoding() {
        return encoding;
    }

    /** The lowest RDB version whose loader knows this type. */
    public int minVersion() {
        return minVersion;
    }

    /** The type for a type byte, or null when the byte is not a value type in that dialect. */
    public static RdbType of(int code, boolean valkey) {
        RdbType[] table = valkey ? VALKEY : REDIS;
        return code >= 0 && code < table.length ? table[code] : null;
    }
}
