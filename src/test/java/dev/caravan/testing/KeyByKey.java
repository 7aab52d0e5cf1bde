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
                    page(c, db, names, keys);
                } while (!"0".equals(cursor));
            }
        }
        return keys;
    }

    /** One SCAN page, pipelined: the types and TTLs of its keys, then their values. */
    private static void page(RespConnection c, int db, List<Object> names, Map<String, Key> keys) {
        for (Object name : names) {
            c.queue("TYPE", name);
            c.queue("PTTL", name);
        }
        c.flush();
        String[] types = new String[names.size()];
        // Absolute, so that two servers read seconds apart compare: -1 for no expiry.
        long[] expiresAt = new long[names.size()];
        for (int i = 0; i < names.size(); i++) {
            types[i] = RespConnection.text(c.read());
            long pttl = (Long) c.read();
            expiresAt[i] = pttl < 0 ? pttl : System.currentTimeMillis() + pttl;
        }
        for (int i = 0; i < names.size(); i++) {
            c.queue(switch (types[i]) {
                case "set" -> "SMEMBERS";
                case "hash" -> "HGETALL";
                default -> "DUMP";
            }, names.get(i));
        }
        c.flush();
        for (int i = 0; i < names.size(); i++) {
            byte[] key = (byte[]) names.get(i);
            Key k = new Key(db, key, value(types[i], c.read()), expiresAt[i]);
            keys.put(k.id(), k);
        }
    }

    /** DUMP as it is; a set or hash as its sorted members, since its DUMP follows each server's hash-table order. */
    private static byte[] value(String type, Object reply) {
        if (!type.equals("set") && !type.equals("hash")) {
            return (byte[]) reply;
        }
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) reply;
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
