package dev.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class InspectCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void showsVersionAuxKeysPerDbAndTheLargestKeys(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("inspect", "samples/redis-7.0-sample.rdb");
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput())
                .contains("REDIS RDB 10")
                .contains("CRC64 94782c08e0806c3d verified")
                .contains("10 keys, 2 expiring")
                .containsPattern("redis-ver +7\\.0\\.15")
                .contains("db 0: 9 keys, 1 expiring")
                .contains("db 1: 1 keys, 1 expiring")
                .containsPattern("largest keys:\\s+188 B +db 0 +stream/listpacks2 +\"events\"");
    }

    /** The oracle is the server that wrote the file: its key counts per db and each key's TYPE. */
    @Test
    void jsonCountsAgreeWithTheServerThatSavedTheFile(QuarkusMainLauncher launcher) throws Exception {
        Path rdb = tmp.resolve("dump.rdb");
        Map<String, Map<String, Long>> expected = new HashMap<>();
        try (RedisServerFixture server = RedisServerFixture.start()) {
            Datasets.seedEveryType(server);
            try (RespConnection c = server.connect()) {
                for (int db : new int[] {0, 1, 5}) {
                    c.call("SELECT", Integer.toString(db));
                    @SuppressWarnings("unchecked")
                    List<byte[]> keys = (List<byte[]>) c.call("KEYS", "*");
                    for (byte[] key : keys) {
                        String type = RespConnection.text(c.call("TYPE", key));
                        expected.computeIfAbsent(Integer.toString(db), d -> new HashMap<>()).merge(type, 1L, Long::sum);
                    }
                }
            }
            Files.copy(server.save(), rdb);
        }
        LaunchResult result = launcher.launch("inspect", "--json", "--largest", "3", rdb.toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        JsonNode report = JSON.readTree(result.getOutput());
        Map<String, Map<String, Long>> actual = new HashMap<>();
        for (JsonNode db : report.get("dbs")) {
            db.get("types").fields().forEachRemaining(t -> actual
                    .computeIfAbsent(db.get("db").asText(), d -> new HashMap<>())
                    .put(t.getKey(), t.getValue().get("keys").asLong()));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(report.get("largestKeys")).hasSize(3);
        assertThat(report.get("largestKeys").get(0).get("key").asText()).isEqualTo("\"list:big\"");
        assertThat(report.get("aux").get("redis-ver").asText()).isNotEmpty();
    }

    @Test
    void keysListsMatchesWithTypeTtlAndSize(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult text = launcher.launch("inspect", "--keys", "[gls]*", "samples/redis-7.0-sample.rdb");
        assertThat(text.exitCode()).isZero();
        assertThat(text.getOutput())
                .containsPattern("0 +string/string +\\S+ +33 B +\"session:1\"")
                .contains("\"greeting\"").contains("\"leaderboard\"")
                .doesNotContain("\"other-db\"").doesNotContain("\"counter\"").doesNotContain("\"queue:jobs\"")
                .contains("3 keys match [gls]*");

        LaunchResult json = launcher.launch("inspect", "--json", "--keys", "user:*", "samples/redis-7.0-sample.rdb");
        assertThat(json.exitCode()).isZero();
        List<String> lines = json.getOutput().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode key = JSON.readTree(lines.get(0));
        assertThat(key.get("key").asText()).isEqualTo("\"user:1\"");
        assertThat(key.get("type").asText()).isEqualTo("hash");
        assertThat(key.get("bytes").asLong()).isPositive();
    }

    @Test
    void aFileThatIsNotAnRdbIsRefusedWithWhatWasExpected(QuarkusMainLauncher launcher) throws Exception {
        Path notRdb = Files.writeString(tmp.resolve("notes.txt"), "hello, not a snapshot", StandardCharsets.UTF_8);
        LaunchResult result = launcher.launch("inspect", notRdb.toString());
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.getErrorOutput()).contains("caravan inspect:").contains("offset 0");
    }
}
