package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;
import java.util.ArrayList;
import java.util.List;

/** Key-by-key comparison of two servers' databases: same keys, values, encodings, TTLs within a second. */
final class Keyspaces {

    private Keyspaces() {
    }

    static List<byte[]> keys(RedisServerFixture server, int db) {
        try (RespConnection c = server.connect()) {
            c.call("SELECT", Integer.toString(db));
            List<byte[]> keys = new ArrayList<>();
            for (Object k : (List<?>) c.call("KEYS", "*")) {
                keys.add((byte[]) k);
            }
            return keys;
        }
    }

    static void assertSame(RedisServerFixture source, int sourceDb, RedisServerFixture target, int targetDb) {
        List<byte[]> keys = keys(source, sourceDb);
        assertThat(keys).isNotEmpty();
        assertThat(target.dbsize(targetDb)).as("keys in target db " + targetDb).isEqualTo(keys.size());
        try (RespConnection s = source.connect(); RespConnection t = target.connect()) {
            s.call("SELECT", Integer.toString(sourceDb));
            t.call("SELECT", Integer.toString(targetDb));
            for (byte[] key : keys) {
                String name = new String(key, java.nio.charset.StandardCharsets.ISO_8859_1);
                // DEBUG DIGEST-VALUE, not DUMP: a hashtable's DUMP follows its bucket order, which a reload changes
                assertThat(digest(t, key)).as("value of " + name).isEqualTo(digest(s, key));
                assertThat(t.call("OBJECT", "ENCODING", key)).as("encoding of " + name)
                        .isEqualTo(s.call("OBJECT", "ENCODING", key));
                long sourceTtl = (Long) s.call("PTTL", key);
                long targetTtl = (Long) t.call("PTTL", key);
                if (sourceTtl < 0) {
                    assertThat(targetTtl).as("PTTL of " + name).isEqualTo(sourceTtl);
                } else {
                    assertThat(targetTtl).as("PTTL of " + name).isBetween(sourceTtl - 1000, sourceTtl + 1000);
                }
            }
        }
    }

    private static String digest(RespConnection c, byte[] key) {
        Object reply = c.call("DEBUG", "DIGEST-VALUE", key);
        return RespConnection.text(((List<?>) reply).get(0));
    }
}
