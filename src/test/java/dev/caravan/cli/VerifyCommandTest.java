package dev.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.testing.Corpus;
import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class VerifyCommandTest {

    @TempDir
    Path tmp;

    /**
     * Every corpus file verifies but one that redis-server itself refuses to load (a zipmap whose
     * count byte is 255: neither its pair count nor 254), which verify refuses too.
     */
    @Test
    void everyCorpusFileVerifiesButTheOneRedisRefuses(QuarkusMainLauncher launcher) {
        List<Path> files = Corpus.rdbFiles();
        String[] args = Stream.concat(Stream.of("verify"), files.stream().map(Path::toString)).toArray(String[]::new);
        LaunchResult result = launcher.launch(args);
        assertThat(result.exitCode()).as(result.getOutput()).isEqualTo(1);
        assertThat(result.getOutput())
                .contains((files.size() - 1) + " of " + files.size() + " files valid")
                .containsPattern("FAIL  \\S*zipmap_big_len\\.rdb: offset \\d+ in db 0, key \\S+: expected zipmap header 2");
        assertThat(result.getOutput().lines().filter(l -> l.startsWith("FAIL"))).hasSize(1);
    }

    @Test
    void aSnapshotSavedByALocalRedisVerifies(QuarkusMainLauncher launcher) throws Exception {
        Path rdb = tmp.resolve("dump.rdb");
        try (RedisServerFixture server = RedisServerFixture.start()) {
            int keys = Datasets.seedEveryType(server);
            Files.copy(server.save(), rdb);
            LaunchResult result = launcher.launch("verify", rdb.toString());
            assertThat(result.exitCode()).as(result.getOutput()).isZero();
            assertThat(result.getOutput()).startsWith("OK").contains(String.format("%,d keys", keys));
        }
    }

    @Test
    void aCorruptFileFailsWithTheOffsetAndAMissingOneIsAnError(QuarkusMainLauncher launcher) throws Exception {
        byte[] sample = Files.readAllBytes(Path.of("samples/redis-7.0-sample.rdb"));
        sample[sample.length / 2] ^= 0x20;
        Path corrupt = Files.write(tmp.resolve("corrupt.rdb"), sample);

        LaunchResult invalid = launcher.launch("verify", "samples/redis-7.0-sample.rdb", corrupt.toString());
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.getOutput()).contains("OK    samples/redis-7.0-sample.rdb")
                .contains("FAIL  " + corrupt + ": offset ").contains("1 of 2 files valid");

        LaunchResult missing = launcher.launch("verify", tmp.resolve("nope.rdb").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.getOutput()).contains("no such file");
    }

    @Test
    void jsonReportsOneObjectPerFile(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("verify", "--json", "samples/redis-7.0-sample.rdb");
        assertThat(result.exitCode()).isZero();
        JsonNode reports = new ObjectMapper().readTree(result.getOutput());
        assertThat(reports).hasSize(1);
        JsonNode r = reports.get(0);
        assertThat(r.get("outcome").asText()).isEqualTo("VALID");
        assertThat(r.get("rdbVersion").asInt()).isEqualTo(10);
        assertThat(r.get("keys").asLong()).isEqualTo(10);
        assertThat(r.get("expiringKeys").asLong()).isEqualTo(2);
        assertThat(r.get("checksum").asText()).contains("verified");
    }

    @Test
    void noFileIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("verify");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("FILE");
    }
}
