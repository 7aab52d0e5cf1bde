package dev.caravan.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeds a real Redis with every value type in each of its encodings, several dbs, TTLs, binary
 * keys and values, and LZF-compressible strings: what a restore test must carry across intact.
 */
public final class Datasets {

    private Datasets() {
    }

    /** Fills dbs 0, 1 and 5 of the server; returns the number of keys it holds then. */
    public static int seedEveryType(RedisServerFixture server) {
        try (RespConnection c = server.connect()) {
            Pipeline p = new Pipeline(c);
            Random random = new Random(42);
            p.add("SELECT", "0");
            p.add("SET", "string:raw", "hello caravan");
            p.add("SET", "string:int", "12345");
            p.add("SET", "string:negative", "-9876543210");
            p.add("SET", "string:compressible", "abc".repeat(2000));
            p.add("SET", "string:random", randomBytes(random, 5000));
            p.add("SET", new byte[] {0, 1, 2, (byte) 0xff, '\n'}, new byte[] {(byte) 0xfe, 0, 'x'});
            p.add("SET", "string:expiring", "soon", "PX", "3600000");
            p.add("SET", "string:far-future", "later", "EX", "86400000");

            p.add("RPUSH", "list:small", "a", "b", "c", "1", "2", "300000");
            List<Object> big = new ArrayList<>(List.of("RPUSH", "list:big"));
            for (int i = 0; i < 3000; i++) {
                big.add("element-" + i + "-" + "x".repeat(i % 50));
            }
            p.add(big.toArray());
            p.add("RPUSH", "list:bigvalues", "v".repeat(10_000), "w".repeat(20_000));

            p.add("SADD", "set:intset", "1", "2", "3", "-4", "70000", "5000000000");
            p.add("SADD", "set:listpack", "apple", "banana", "cherry");
            List<Object> bigSet = new ArrayList<>(List.of("SADD", "set:hashtable"));
            for (int i = 0; i < 700; i++) {
                bigSet.add("member-" + i);
            }
            p.add(bigSet.toArray());

            p.add("ZADD", "zset:listpack", "1", "one", "2.5", "two-and-half", "-3", "minus-three");
            List<Object> bigZset = new ArrayList<>(List.of("ZADD", "zset:skiplist"));
            for (int i = 0; i < 300; i++) {
                bigZset.add(Double.toString(i * 1.25));
                bigZset.add("player-" + i);
            }
            p.add(bigZset.toArray());
            p.add("ZADD", "zset:special", "inf", "top", "-inf", "bottom", "0", "zero");

            p.add("HSET", "hash:listpack", "name", "Ada", "visits", "7", "lang", "en");
            List<Object> bigHash = new ArrayList<>(List.of("HSET", "hash:hashtable"));
            for (int i = 0; i < 600; i++) {
                bigHash.add("field-" + i);
                bigHash.add("value-" + i);
            }
            p.add(bigHash.toArray());
            p.add("HSET", "hash:bigvalue", "f", "y".repeat(2000));
            p.add("PEXPIRE", "hash:bigvalue", "7200000");

            p.add("XADD", "stream:events", "1700000000000-0", "type", "login", "user", "ada");
            p.add("XADD", "stream:events", "1700000000001-0", "type", "logout", "user", "ada");
            p.add("XADD", "stream:events", "1700000000002-5", "type", "login", "user", "grace");
            p.add("XGROUP", "CREATE", "stream:events", "auditors", "0");
            p.add("XGROUP", "CREATE", "stream:events", "billing", "$");
            p.add("XREADGROUP", "GROUP", "auditors", "alice", "COUNT", "2", "STREAMS", "stream:events", ">");
            p.add("XREADGROUP", "GROUP", "auditors", "bob", "COUNT", "1", "STREAMS", "stream:events", ">");
            p.add("XACK", "stream:events", "auditors", "1700000000000-0");
            p.add("XADD", "stream:trimmed", "*", "k", "v");
            p.add("XADD", "stream:trimmed", "*", "k", "v2");
            p.add("XDEL", "stream:trimmed", p.lastId());

            p.add("SELECT", "1");
            p.add("SET", "db1:string", "in db one");
            p.add("HSET", "db1:hash", "a", "1");
            p.add("PEXPIRE", "db1:hash", "600000");

            p.add("SELECT", "5");
            for (int i = 0; i < 200; i++) {
                p.add("SET", "db5:key:" + i, "value-" + i);
            }
            p.add("SELECT", "0");
            p.sync();
        }
        return (int) (server.dbsize(0) + server.dbsize(1) + server.dbsize(5));
    }

    /**
     * Adds volume on top of {@link #seedEveryType}: {@code keys} small strings in db 0 (DEBUG
     * POPULATE) and one incompressible value of {@code bigValueBytes}, so that a snapshot spans
     * many reads.
     */
    public static void seedBulk(RedisServerFixture server, int keys, int bigValueBytes) {
        try (RespConnection c = server.connect()) {
            c.call("SELECT", "0");
            c.call("SET", "bulk:big", randomBytes(new Random(42), bigValueBytes));
            Object reply = c.call("DEBUG", "POPULATE", Integer.toString(keys), "bulk", "64");
            if (reply instanceof RespConnection.RedisError e) {
                throw new IllegalStateException("DEBUG POPULATE failed: " + e.message());
            }
        }
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Sends commands in one batch and checks that none was refused. */
    private static final class Pipeline {
        private final RespConnection c;
        private int pending;

        Pipeline(RespConnection c) {
            this.c = c;
        }

        void add(Object... args) {
            c.queue(args);
            pending++;
        }

        /** The id of the last entry added to stream:trimmed (an auto id), resolved when needed. */
        Object lastId() {
            sync();
            @SuppressWarnings("unchecked")
            List<Object> last = (List<Object>) c.call("XREVRANGE", "stream:trimmed", "+", "-", "COUNT", "1");
            @SuppressWarnings("unchecked")
            List<Object> entry = (List<Object>) last.get(0);
            return new String((byte[]) entry.get(0), StandardCharsets.UTF_8);
        }

        void sync() {
            c.flush();
            for (; pending > 0; pending--) {
                Object reply = c.read();
                if (reply instanceof RespConnection.RedisError e) {
                    throw new IllegalStateException("seeding failed: " + e.message());
                }
            }
        }
    }
}
