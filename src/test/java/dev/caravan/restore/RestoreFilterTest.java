package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caravan.rdb.RdbEntry;
import dev.caravan.rdb.RdbType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestoreFilterTest {

    private static RdbEntry entry(int db, String key, RdbType type) {
        return new RdbEntry(db, key.getBytes(StandardCharsets.ISO_8859_1), type, -1, -1, -1, 0);
    }

    @Test
    void everythingByDefault() {
        RestoreFilter all = RestoreFilter.all();
        assertThat(all.takesEverything()).isTrue();
        assertThat(all.includes(entry(9, "anything", RdbType.STREAM_LISTPACKS))).isTrue();
        assertThat(all.targetDb(9)).isEqualTo(9);
    }

    @Test
    void databasesGlobsRegexAndTypesAllMustMatch() {
        RestoreFilter f = RestoreFilter.of(Set.of(0, 2), List.of("user:*", "session:?"), "[0-9]$",
                Set.of("hash", "string"), Map.of(2, 7));
        assertThat(f.includes(entry(0, "user:42", RdbType.HASH_LISTPACK))).isTrue();
        assertThat(f.includes(entry(2, "session:1", RdbType.STRING))).isTrue();
        assertThat(f.includes(entry(1, "user:42", RdbType.HASH_LISTPACK))).as("db").isFalse();
        assertThat(f.includes(entry(0, "order:42", RdbType.HASH_LISTPACK))).as("glob").isFalse();
        assertThat(f.includes(entry(0, "user:ada", RdbType.HASH_LISTPACK))).as("regex").isFalse();
        assertThat(f.includes(entry(0, "user:42", RdbType.ZSET_LISTPACK))).as("type").isFalse();
        assertThat(f.targetDb(2)).isEqualTo(7);
        assertThat(f.targetDb(0)).isZero();
    }

    @Test
    void theRegexSeesEveryByteOfABinaryKey() {
        RestoreFilter f = RestoreFilter.of(Set.of(), List.of(), "^\\x00\\xff", Set.of(), Map.of());
        assertThat(f.includes(new RdbEntry(0, new byte[] {0, (byte) 0xff, 'k'}, RdbType.STRING, -1, -1, -1, 0))).isTrue();
        assertThat(f.includes(new RdbEntry(0, new byte[] {0, 'k'}, RdbType.STRING, -1, -1, -1, 0))).isFalse();
    }

    @Test
    void badFiltersAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> RestoreFilter.of(Set.of(), List.of(), "user:(", Set.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key regex is not valid")
                .hasMessageContaining("user:(");
        assertThatThrownBy(() -> RestoreFilter.of(Set.of(-1), List.of(), null, Set.of(), Map.of()))
                .hasMessageContaining("database -1");
        assertThatThrownBy(() -> RestoreFilter.of(Set.of(), List.of(), null, Set.of("json"), Map.of()))
                .hasMessageContaining("unknown type \"json\"").hasMessageContaining("module");
        assertThatThrownBy(() -> RestoreFilter.of(Set.of(), List.of(), null, Set.of(), Map.of(1, -2)))
                .hasMessageContaining("1 -> -2");
        assertThatThrownBy(() -> RestoreFilter.of(Set.of(), List.of(""), null, Set.of(), Map.of()))
                .hasMessageContaining("cannot be empty");
    }

    @Test
    void targetVersionsFollowTheServersRdbVersions() {
        assertThat(TargetProbe.maxRdbVersion("redis", "2.8.24")).isEqualTo(6);
        assertThat(TargetProbe.maxRdbVersion("redis", "3.2.12")).isEqualTo(7);
        assertThat(TargetProbe.maxRdbVersion("redis", "4.0.14")).isEqualTo(8);
        assertThat(TargetProbe.maxRdbVersion("redis", "6.2.6")).isEqualTo(9);
        assertThat(TargetProbe.maxRdbVersion("redis", "7.0.15")).isEqualTo(10);
        assertThat(TargetProbe.maxRdbVersion("redis", "7.2.4")).isEqualTo(11);
        assertThat(TargetProbe.maxRdbVersion("redis", "8.0.2")).isEqualTo(12);
        assertThat(TargetProbe.maxRdbVersion("valkey", "8.1.1")).isEqualTo(11);
        assertThat(TargetProbe.maxRdbVersion("valkey", "9.0.0")).isEqualTo(80);
    }

    @Test
    void theMergeSetRemembersEveryHash() {
        KeyHashSet set = new KeyHashSet();
        for (int i = 0; i < 100_000; i++) {
            assertThat(set.add(KeyHashSet.hash(i % 3, ("key:" + i).getBytes(StandardCharsets.UTF_8)))).isTrue();
        }
        assertThat(set.add(0)).isTrue();
        assertThat(set.contains(0)).isTrue();
        for (int i = 0; i < 100_000; i++) {
            assertThat(set.contains(KeyHashSet.hash(i % 3, ("key:" + i).getBytes(StandardCharsets.UTF_8)))).isTrue();
            assertThat(set.contains(KeyHashSet.hash(i % 3 + 3, ("key:" + i).getBytes(StandardCharsets.UTF_8)))).isFalse();
        }
    }
}
