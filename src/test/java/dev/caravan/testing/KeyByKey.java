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

    /** A key's db, name, value (DUMP, or sorted members) and expiry in Unix milliseconds ({@code -1}: none). */
    public record Key(int db, byte[] name, byte[] dump, long expiresAt) {
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
        return keys(server.port());
    }

    /** Every key of the first 16 databases of the server on this port of 127.0.0.1, by {@code db:hex(name)}. */
    public static Map<String, Key> keys(int port) {
        Map<String, Key> keys = new TreeMap<>();
        try (RespConnection c = RespConnection.open("127.0.0.1", port)) {
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
                        // Absolute, so that two servers read seconds apart compare: -1 for no expiry.
                        long pttl = (Long) c.call("PTTL", key);
                        Key k = new Key(db, key, dump, pttl < 0 ? pttl : System.currentTimeMillis() + pttl);
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

    /** The server on port {@code actual} holds exactly the keys of the one on port {@code expected}. */
    public static void assertSame(int expected, int actual) {
        assertSame(keys(expected), keys(actual), k -> true, db -> db);
    }

    /** The actual server holds exactly the keys {@code taken} of the expected one, each in {@code remap(db)}. */
    public static void assertSame(RedisServerFixture expected, RedisServerFixture actual, Predicate<Key> taken,
            IntUnaryOperator remap) {
        assertSame(keys(expected), keys(actual), taken, remap);
    }

    private static void assertSame(Map<String, Key> expected, Map<String, Key> got, Predicate<Key> taken,
            IntUnaryOperator remap) {
        Map<String, Key> want = new TreeMap<>();
        for (Key k : expected.values()) {
            if (taken.test(k)) {
                Key moved = new Key(remap.applyAsInt(k.db()), k.name(), k.dump(), k.expiresAt());
                want.put(moved.id(), moved);
            }
        }
        assertThat(got.keySet()).as("keys of the target").containsExactlyInAnyOrderElementsOf(want.keySet());
        List<String> differences = new ArrayList<>();
        for (Key w : want.values()) {
            Key g = got.get(w.id());
            if (!java.util.Arrays.equals(w.dump(), g.dump())) {
                differences.add(w + ": value differs");
            }
            if ((w.expiresAt() < 0) != (g.expiresAt() < 0) || Math.abs(w.expiresAt() - g.expiresAt()) > 1000) {
                differences.add(w + ": expires at " + w.expiresAt() + " ms, restored " + g.expiresAt() + " ms");
            }
        }
        assertThat(differences).as("keys that differ").isEmpty();
    }
}
