package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.rdb.DecodedValue.HashValue;
import dev.caravan.rdb.DecodedValue.ListValue;
import dev.caravan.rdb.DecodedValue.SetValue;
import dev.caravan.rdb.DecodedValue.SortedSetValue;
import dev.caravan.rdb.DecodedValue.StreamValue;
import dev.caravan.rdb.DecodedValue.StringValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoded keys, types, values and expiries match the .json oracle (another parser's output)
 * beside each corpus file. Both sides are normalized to plain maps; values compare as UTF-8
 * text with invalid bytes replaced, as the oracle writes them. Known differences, where the
 * format (and the server) disagree with the oracle, are normalized explicitly in {@link #expected};
 * files the server refuses although the oracle decodes them are in {@link Corpus#SERVER_REJECTS}.
 */
class OracleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> files() {
        return Corpus.files().stream()
                .filter(p -> Files.exists(oracle(p)))
                .map(p -> Arguments.of(Corpus.name(p), Corpus.version(Corpus.bytes(p)), p));
    }

    private static Path oracle(Path rdb) {
        return rdb.resolveSibling(rdb.getFileName().toString().replace(".rdb", ".json"));
    }

    @ParameterizedTest(name = "{0} (RDB {1})")
    @MethodSource("files")
    void decodedValuesMatchOracle(String name, int version, Path file) throws IOException {
        List<Map<String, Object>> actual = new ArrayList<>();
        Map<String, String> aux = new LinkedHashMap<>();
        List<String> functions = new ArrayList<>();
        RdbVisitor visitor = new RdbVisitor() {
            @Override
            public void onAux(byte[] key, byte[] value) {
                aux.put(text(key), text(value));
            }

            @Override
            public void onFunction(byte[] code) {
                functions.add(text(code));
            }

            @Override
            public void onEntry(RdbEntry entry, RdbValue value) throws IOException {
                actual.add(actual(entry, value.decode()));
            }
        };
        new RdbParser(new ByteArrayInputStream(Corpus.bytes(file))).parse(visitor);

        List<Map<String, Object>> expected = new ArrayList<>();
        for (JsonNode node : JSON.readTree(oracle(file).toFile())) {
            String type = node.get("type").asText();
            if (type.equals("aux")) {
                assertThat(aux).containsEntry(node.get("key").asText(), node.get("value").asText());
            } else if (type.equals("functions")) {
                assertThat(functions).contains(node.get("functionsLua").asText());
            } else {
                expected.add(expected(node));
            }
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> actual(RdbEntry entry, DecodedValue value) {
        Map<String, Object> m = new TreeMap<>();
        m.put("db", entry.db());
        m.put("key", text(entry.key()));
        m.put("type", entry.type().family());
        m.put("expireAt", entry.expireAtMs() == -1 ? null : entry.expireAtMs());
        if (value instanceof StringValue s) {
            m.put("value", text(s.value()));
        } else if (value instanceof ListValue l) {
            m.put("value", l.elements().stream().map(OracleTest::text).toList());
        } else if (value instanceof SetValue s) {
            m.put("value", s.members().stream().map(OracleTest::text).sorted().toList());
        } else if (value instanceof SortedSetValue z) {
            Map<String, Double> scores = new TreeMap<>();
            z.members().forEach(sm -> scores.put(text(sm.member()), sm.score()));
            m.put("value", scores);
        } else if (value instanceof HashValue h) {
            Map<String, String> fields = new TreeMap<>();
            Map<String, Long> expiries = new TreeMap<>();
            h.fields().forEach(f -> {
                fields.put(text(f.field()), text(f.value()));
                if (f.expireAtMs() != -1) {
                    expiries.put(text(f.field()), f.expireAtMs());
                }
            });
            m.put("value", fields);
            m.put("fieldExpiry", expiries);
        } else if (value instanceof StreamValue s) {
            m.put("value", stream(s));
        } else {
            m.put("value", value.toString());
        }
        return m;
    }

    private static Map<String, Object> stream(StreamValue s) {
        Map<String, Object> m = new TreeMap<>();
        List<Object> entries = new ArrayList<>();
        s.entries().forEach(e -> {
            Map<String, String> fields = new LinkedHashMap<>();
            e.fields().forEach(f -> fields.put(text(f.name()), text(f.value())));
            entries.add(List.of(e.id().toString(), fields));
        });
        m.put("entries", entries);
        m.put("len", s.length());
        m.put("lastId", s.lastId().toString());
        if (s.firstId() != null) {
            m.put("firstId", s.firstId().toString());
            m.put("maxDeletedId", s.maxDeletedId().toString());
            m.put("added", s.entriesAdded());
        }
        List<Object> groups = new ArrayList<>();
        s.groups().forEach(g -> {
            List<Object> pel = new ArrayList<>();
            g.pending().forEach(p -> pel.add(List.of(p.id().toString(), p.deliveryTimeMs(), p.deliveryCount())));
            List<Object> consumers = new ArrayList<>();
            g.consumers().forEach(c -> consumers.add(List.of(text(c.name()), c.seenTimeMs(), c.activeTimeMs(),
                    c.pending().stream().map(Object::toString).toList())));
            groups.add(List.of(text(g.name()), g.lastDeliveredId().toString(), g.entriesRead(), pel, consumers));
        });
        m.put("groups", groups);
        return m;
    }

    private static Map<String, Object> expected(JsonNode n) {
        Map<String, Object> m = new TreeMap<>();
        String type = n.get("type").asText();
        m.put("db", n.get("db").asInt());
        m.put("key", n.get("key").asText());
        m.put("type", type);
        m.put("expireAt", n.has("expiration")
                ? OffsetDateTime.parse(n.get("expiration").asText()).toInstant().toEpochMilli() : null);
        switch (type) {
            case "string" -> m.put("value", n.get("value").asText());
            case "list" -> m.put("value", strings(n.get("values")));
            case "set" -> m.put("value", strings(n.get("members")).stream().sorted().toList());
            case "zset" -> {
                Map<String, Double> scores = new TreeMap<>();
                n.get("entries").forEach(e -> scores.put(e.get("member").asText(), e.get("score").asDouble()));
                m.put("value", scores);
            }
            case "hash" -> {
                Map<String, String> fields = new TreeMap<>();
                n.get("hash").fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
                Map<String, Long> expiries = new TreeMap<>();
                if (n.has("expire")) {
                    // The oracle writes 0 for "no expiry" for Redis (where 0 is the format's marker)
                    // and Valkey alike (where the format stores -1, see ValueReader).
                    n.get("expire").fields().forEachRemaining(f -> {
                        if (f.getValue().asLong() != 0) {
                            expiries.put(f.getKey(), f.getValue().asLong());
                        }
                    });
                }
                m.put("value", fields);
                m.put("fieldExpiry", expiries);
            }
            case "stream" -> m.put("value", stream(n));
            default -> m.put("value", n.toString());
        }
        return m;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Map<String, Object> stream(JsonNode n) {
        Map<String, Object> m = new TreeMap<>();
        List<Object> entries = new ArrayList<>();
        n.get("entries").forEach(node -> node.get("msgs").forEach(msg -> {
            if (!msg.get("deleted").asBoolean()) {
                Map<String, String> fields = new LinkedHashMap<>();
                msg.get("fields").fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
                entries.add(List.of(msg.get("id").asText(), fields));
            }
        }));
        m.put("entries", entries);
        m.put("len", n.get("len").asLong());
        m.put("lastId", n.get("lastId").asText());
        if (n.has("firstId")) {
            m.put("firstId", n.get("firstId").asText());
            m.put("maxDeletedId", n.get("maxDeletedId").asText());
            m.put("added", n.get("addedEntriesCount").asLong());
        }
        boolean v2 = n.has("firstId");
        boolean v3 = n.path("version").asInt() == 3;
        List<Object> groups = new ArrayList<>();
        n.path("groups").forEach(g -> {
            List<Object> pel = new ArrayList<>();
            g.path("pending").forEach(p -> pel.add(List.of(p.get("id").asText(), p.get("deliveryTime").asLong(),
                    p.get("deliveryCount").asLong())));
            List<Object> consumers = new ArrayList<>();
            g.path("consumers").forEach(c -> consumers.add(List.of(c.get("name").asText(), c.get("seenTime").asLong(),
                    v3 ? c.get("activeTime").asLong() : -1L, strings(c.path("pending")))));
            groups.add(List.of(g.get("name").asText(), g.get("lastId").asText(),
                    v2 ? g.get("entriesRead").asLong() : -1L, pel, consumers));
        });
        m.put("groups", groups);
        return m;
    }
}
