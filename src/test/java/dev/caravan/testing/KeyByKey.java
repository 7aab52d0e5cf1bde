package dev.caravan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

/**
 * Compares two Redis servers key by key: every key of the expected one (or those a predicate
 * takes) is in the actual one, in the database it maps to, with the same value and a TTL within a
 * second; and the actual one has no other keys. A value is its {@code DUMP} bytes, except for sets
 * and hashes, whose DUMP follows each server's own hash-table order: their members (and fields
 * with values), sorted.
 */
public final class KeyByKey {

    /** A key's db, name, DUMP payload and TTL in milliseconds ({@code -1}: none). */
    public record Key(int db, byte[] name, byte[] dump, long pttl) {
        String id() {
            return db + ":" + HexFormat.of().formatHex(name);
        }

        @Override
        public String toString() {
            return "db" + db + " " + new String(name, StandardCharsets.ISO_8859_1);
        }
    }

    private KeyByKey() {
    }

    /** Every key of the first 16 databases, by {@code db:hex(name)}. */
    public static Map<String, Key> keys(RedisServerFixture server) {
        Map<String, Key> keys = new TreeMap<>();
        try (RespConnection c = server.connect()) {
            for (int db = 0; db < 16; db++) {
                c.call("SELECT", Integer.toString(db));
                String cursor = "0";
                do {
                    @SuppressWarnings("unchecked")
                    List<Object> reply = (List<Object>) c.call("SCAN", cursor, "COUNT", "1000");
                    cursor = RespConnection.text(reply.get(0));
                    @SuppressWarnings("unchecked")
                    List<Object> names = (List<Object>) reply.get(1);
                    for (Object name : names) {
                        byte[] key = (byte[]) name;
                        byte[] dump = value(c, key);
                        long pttl = (Long) c.call("PTTL", key);
                        Key k = new Key(db, key, dump, pttl);
                        keys.put(k.id(), k);
                    }
                } while (!"0".equals(cursor));
            }
        }
        return keys;
    }

    private static byte[] value(RespConnection c, byte[] key) {
        String type = RespConnection.text(c.call("TYPE", key));
        if (!type.equals("set") && !type.equals("hash")) {
            return (byte[]) c.call("DUMP", key);
        }
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) c.call(type.equals("set") ? "SMEMBERS" : "HGETALL", key);
        List<String> entries = new ArrayList<>();
        int step = type.equals("set") ? 1 : 2;
        for (int i = 0; i < items.size(); i += step) {
            String entry = HexFormat.of().formatHex((byte[]) items.get(i));
            if (step == 2) {
                entry += "=" + HexFormat.of().formatHex((byte[]) items.get(i + 1));
            }
            entries.add(entry);
        }
        entries.sort(null);
        return (type + ":" + String.join(",", entries)).getBytes(StandardCharsets.US_ASCII);
    }

    /** The actual server holds exactly the expected one's keys. */
    public static void assertSame(RedisServerFixture expected, RedisServerFixture actual) {
        assertSame(expected, actual, k -> true, db -> db);
    }

    /** The actual server holds exactly the keys {@code taken} of the expected one, each in {@code remap(db)}. */
    public static void assertSame(RedisServerFixture expected, RedisServerFixture actual, Predicate<Key> taken,
            IntUnaryOperator remap) {
        Map<String, Key> want = new TreeMap<>();
        for (Key k : keys(expected).values()) {
            if (taken.test(k)) {
                Key moved = new Key(remap.applyAsInt(k.db()), k.name(), k.dump(), k.pttl());
                want.put(moved.id(), moved);
            }
        }
        Map<String, Key> got = keys(actual);
        assertThat(got.keySet()).as("keys of the target").containsExactlyInAnyOrderElementsOf(want.keySet());
        List<String> differences = new ArrayList<>();
        for (Key w : want.values()) {
            Key g = got.get(w.id());
            if (!java.util.Arrays.equals(w.dump(), g.dump())) {
                differences.add(w + ": value differs");
            }
            if ((w.pttl() < 0) != (g.pttl() < 0) || Math.abs(w.pttl() - g.pttl()) > 1000) {
                differences.add(w + ": TTL " + w.pttl() + " ms, restored " + g.pttl() + " ms");
            }
        }
        assertThat(differences).as("keys that differ").isEmpty();
    }
}
