package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.rdb.DecodedValue.ListValue;
import dev.caravan.rdb.DecodedValue.SortedSetValue;
import dev.caravan.rdb.DecodedValue.StreamValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What redis-server 7.0.15 wrote in the generated fixtures (see make-fixtures.sh) is read back. */
class FixtureTest {

    private record Key(RdbEntry entry, DecodedValue value) {
    }

    private static Map<String, Key> decode(String name, List<byte[]> functions) throws IOException {
        byte[] rdb = Corpus.bytes(Corpus.fixtures().resolve(name));
        Map<String, Key> keys = new HashMap<>();
        new RdbParser(new ByteArrayInputStream(rdb)).parse(new RdbVisitor() {
            @Override
            public void onFunction(byte[] code) {
                functions.add(code);
            }

            @Override
            public void onEntry(RdbEntry entry, RdbValue value) throws IOException {
                keys.put(entry.db() + ":" + new String(entry.key(), StandardCharsets.UTF_8), new Key(entry, value.decode()));
            }
        });
        return keys;
    }

    @Test
    void redis70Mixed() throws IOException {
        List<byte[]> functions = new ArrayList<>();
        Map<String, Key> keys = decode("redis70-mixed.rdb", functions);
        assertThat(keys).hasSize(18).containsKeys("1:in:db1", "1:h:db1");
        assertThat(new String(functions.get(0), StandardCharsets.UTF_8)).startsWith("#!lua name=caravanlib");
        assertThat(keys.values()).allSatisfy(k -> assertThat(k.entry().freq()).isNotNegative());
        Set<RdbType> types = EnumSet.noneOf(RdbType.class);
        keys.values().forEach(k -> types.add(k.entry().type()));
        assertThat(types).contains(RdbType.STRING, RdbType.HASH_LISTPACK, RdbType.HASH, RdbType.LIST_QUICKLIST_2,
                RdbType.SET_INTSET, RdbType.SET, RdbType.ZSET_LISTPACK, RdbType.ZSET_2, RdbType.STREAM_LISTPACKS_2);
        assertThat(keys.get("0:expiring").entry().expireAtMs()).isPositive();

        ListValue plain = (ListValue) keys.get("0:list:plain").value();
        assertThat(plain.elements()).extracting(b -> new String(b, StandardCharsets.US_ASCII))
                .containsExactly("small", "p".repeat(200), "small2");
        assertThat(Values.describe(keys.get("0:set:ints").value())).isEqualTo("set [\"-7\", \"1\", \"2\", \"3\", \"100000\", \"5000000000\"]");
        SortedSetValue big = (SortedSetValue) keys.get("0:zset:big").value();
        assertThat(big.members()).hasSize(202).extracting(DecodedValue.ScoredMember::score)
                .contains(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 200.25);

        StreamValue stream = (StreamValue) keys.get("0:stream").value();
        assertThat(stream.entries()).hasSize(20);
        assertThat(stream.length()).isEqualTo(20);
        assertThat(stream.lastId()).hasToString("1700000000001-0");
        assertThat(stream.maxDeletedId()).hasToString("1700000000000-3");
        assertThat(stream.entriesAdded()).isEqualTo(21);
        assertThat(stream.groups()).hasSize(2);
        assertThat(stream.groups().get(0).pending()).hasSize(5);
        assertThat(stream.groups().get(0).consumers()).extracting(c -> c.pending().size()).containsExactlyInAnyOrder(3, 2);
    }

    @Test
    void statsForInspect() throws IOException {
        ValidateVisitor stats = new ValidateVisitor(3);
        new RdbParser(new ByteArrayInputStream(Corpus.bytes(Corpus.fixtures().resolve("redis70-mixed.rdb")))).parse(stats);
        assertThat(stats.perDb().get(0).keys()).isEqualTo(16);
        assertThat(stats.perDb().get(0).expiringKeys()).isEqualTo(1);
        assertThat(stats.perDbAndFamily().get(1)).containsOnlyKeys("string", "hash");
        assertThat(stats.perFamily().get("stream").keys()).isEqualTo(1);
        assertThat(stats.perFamily().values().stream().mapToLong(ValidateVisitor.Counts::bytes).sum()).isPositive();
        assertThat(stats.largestKeys()).hasSize(3).extracting(ValidateVisitor.LargeKey::printableKey)
                .contains("\"hash:big\"");
        assertThat(stats.aux()).containsKey("redis-ver");
        assertThat(stats.functions()).isEqualTo(1);
    }

    @Test
    void redis70LruWithoutChecksumOrCompression() throws IOException {
        Map<String, Key> keys = decode("redis70-lru.rdb", new ArrayList<>());
        assertThat(keys.values()).allSatisfy(k -> assertThat(k.entry().idle()).isNotNegative());
        RdbSummary summary = new RdbParser(new ByteArrayInputStream(Corpus.bytes(Corpus.fixtures().resolve("redis70-lru.rdb"))))
                .parse(new ValidateVisitor());
        assertThat(summary.checksum()).isEqualTo(RdbSummary.Checksum.DISABLED);
    }
}
