package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores to a file that redis-server loads: one backup whole or filtered, and two merged with
 * the later one winning; redis-check-rdb accepts each file.
 */
class RdbFileTargetTest {

    @TempDir
    Path tmp;

    @Test
    void oneBackupWholeAndFiltered() throws IOException {
        try (RedisServerFixture source = RedisServerFixture.start()) {
            int keys = Datasets.seedEveryType(source);
            Path dump = copy(source.save(), "one.rdb");

            Path whole = tmp.resolve("out/whole.rdb");
            LoadReport report = RdbFileTarget.write(List.of(() -> Files.newInputStream(dump)), whole,
                    RestoreFilter.all(), new LoadCounters());
            assertThat(report.restored()).isEqualTo(keys);
            assertThat(report.targetVersion()).isEqualTo("rdb " + source.rdbVersion());
            assertThat(RedisServerFixture.checkRdb(whole).ok()).isTrue();
            try (RedisServerFixture loaded = RedisServerFixture.start(whole)) {
                assertThat(loaded.digest()).isEqualTo(source.digest());
                Keyspaces.assertSame(source, 0, loaded, 0);
            }
            assertThat(Files.list(whole.getParent())).containsExactly(whole);

            Path filtered = tmp.resolve("filtered.rdb");
            RestoreFilter filter = RestoreFilter.of(Set.of(1, 5), List.of(), null, Set.of(), Map.of(5, 0));
            report = RdbFileTarget.write(List.of(() -> Files.newInputStream(dump)), filtered, filter, new LoadCounters());
            assertThat(report.filteredOut()).isEqualTo(source.dbsize(0));
            try (RedisServerFixture loaded = RedisServerFixture.start(filtered)) {
                Keyspaces.assertSame(source, 5, loaded, 0);
                Keyspaces.assertSame(source, 1, loaded, 1);
                assertThat(loaded.dbsize(5)).isZero();
            }
        }
    }

    @Test
    void twoBackupsMergedTheLaterWins() throws IOException {
        try (RedisServerFixture first = RedisServerFixture.start(); RedisServerFixture second = RedisServerFixture.start()) {
            Datasets.seedEveryType(first);
            Path earlier = copy(first.save(), "earlier.rdb");
            try (RespConnection c = second.connect()) {
                c.call("SET", "string:raw", "from the later backup");
                c.call("HSET", "list:small", "now", "a hash");
                c.call("SET", "only:later", "x", "PX", "7200000");
                c.call("SELECT", "5");
                c.call("SET", "db5:key:7", "later");
            }
            Path later = copy(second.save(), "later.rdb");

            Path merged = tmp.resolve("merged.rdb");
            LoadReport report = RdbFileTarget.write(List.of(() -> Files.newInputStream(earlier),
                    () -> Files.newInputStream(later)), merged, RestoreFilter.all(), new LoadCounters());
            assertThat(report.skippedExisting()).isEqualTo(3);
            assertThat(RedisServerFixture.checkRdb(merged).ok()).isTrue();

            // the expected state: the earlier dataset with the later one's writes applied on top
            try (RespConnection c = first.connect()) {
                c.call("SET", "string:raw", "from the later backup");
                c.call("DEL", "list:small");
                c.call("HSET", "list:small", "now", "a hash");
                c.call("SET", "only:later", "x", "PX", "7200000");
                c.call("SELECT", "5");
                c.call("SET", "db5:key:7", "later");
            }
            try (RedisServerFixture loaded = RedisServerFixture.start(merged)) {
                assertThat(loaded.digest()).isEqualTo(first.digest());
                for (int db : List.of(0, 1, 5)) {
                    Keyspaces.assertSame(first, db, loaded, db);
                }
            }
        }
    }

    private Path copy(Path file, String name) throws IOException {
        return Files.copy(file, tmp.resolve(name));
    }
}
