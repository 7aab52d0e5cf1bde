package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server is the oracle: what a real redis-server loads from an RDB at start-up must equal
 * what it holds after RESTORE of the DUMP payloads Caravan's parser built from the same file, and
 * after loading the file Caravan's writer assembled from those payloads (DEBUG DIGEST, DBSIZE).
 *
 * <p>Runs against the Redis on PATH (7.0 here) and the Redis 6.2 that the embedded-redis artifact
 * ships, for every corpus file whose RDB version that server loads. Files holding module values
 * or module aux data are left out by content: no test server has those modules loaded, so the
 * server itself cannot be the oracle for them (the parser tests cover their structure).
 */
class DumpRestoreRedisTest {

    @TempDir
    Path tmp;

    record Payload(int db, byte[] key, long expireAtMs, byte[] bytes) {
    }

    record Snapshot(int version, List<Payload> payloads, boolean hasModules) {
    }

    static Stream<Arguments> corpusOnEachServer() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (Named<Path> server : servers()) {
            int serverRdb = RedisServerFixture.rdbVersionOf(versionOf(server.getPayload()));
            for (Path file : Corpus.all()) {
                if (refusedByCaravan(file)) {
                    continue; // see theFilesCaravanRefusesAreTheOnesRedisRefuses
                }
                Snapshot snapshot = dump(file);
                if (snapshot.version() <= serverRdb && !snapshot.hasModules()) {
                    cases.add(Arguments.of(server, Named.of(file.getFileName() + " (RDB " + snapshot.version() + ")", file)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("corpusOnEachServer")
    void restoredPayloadsAndTheWrittenFileEqualWhatTheServerLoads(Path binary, Path file) throws IOException {
        Snapshot snapshot = dump(file);
        try (RedisServerFixture loaded = RedisServerFixture.startUsing(binary, file)) {
            assertEquivalentByRestoreAndByWriter(binary, snapshot, loaded);
        }
    }

    /**
     * A corpus file that Caravan refuses must be one that redis-server itself refuses to load:
     * the corpus comes from other parsers' test suites, and where they accept what Redis does
     * not, Redis wins (zipmap_big_len.rdb: a zipmap whose count byte is 255, neither its entry
     * count nor 254, "unknown"; Redis deep-checks every zipmap it loads and stops there).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusRefusedByCaravan")
    void theFilesCaravanRefusesAreTheOnesRedisRefuses(Path file) {
        for (Named<Path> server : servers()) {
            try (RedisServerFixture loaded = RedisServerFixture.startUsing(server.getPayload(), file)) {
                throw new AssertionError(server.getName() + " loaded " + file + " that Caravan refuses");
            } catch (IllegalStateException refused) {
                assertThat(refused).hasMessageContaining("exited with");
            }
        }
    }

    static Stream<Named<Path>> corpusRefusedByCaravan() {
        List<Named<Path>> refused = Corpus.all().stream().filter(DumpRestoreRedisTest::refusedByCaravan)
                .map(f -> Named.of(Corpus.name(f), f)).toList();
        assertThat(refused).as("corpus files Caravan refuses").extracting(Named::getName)
                .containsExactlyInAnyOrderElementsOf(Corpus.SERVER_REJECTS.keySet());
        return refused.stream();
    }

    private static boolean refusedByCaravan(Path file) {
        try {
            dump(file);
            return false;
        } catch (RdbFormatException e) {
            return true;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The most realistic input: a file saved by the server itself from every type and encoding. */
    @Test
    void aSnapshotOfEveryTypeSurvivesRestoreAndTheWriter() throws IOException {
        try (RedisServerFixture source = RedisServerFixture.start()) {
            Datasets.seedEveryType(source);
            Path rdb = Files.copy(source.save(), tmp.resolve("every-type.rdb"));
            assertEquivalentByRestoreAndByWriter(RedisServerFixture.binary(), dump(rdb), source);
        }
    }

    private void assertEquivalentByRestoreAndByWriter(Path binary, Snapshot snapshot, RedisServerFixture oracle)
            throws IOException {
        String digest = oracle.digest();
        try (RedisServerFixture restored = RedisServerFixture.startUsing(binary, null)) {
            restore(restored, snapshot.payloads());
            assertThat(restored.digest()).as("DEBUG DIGEST after RESTORE").isEqualTo(digest);
            assertSameSizes(oracle, restored);
        }

        Path written = tmp.resolve("written-" + System.nanoTime() + ".rdb");
        List<RdbRecord> records = snapshot.payloads().stream()
                .map(p -> RdbRecord.of(p.db(), p.key(), p.expireAtMs(), p.bytes())).toList();
        try (var out = Files.newOutputStream(written)) {
            RdbWriter.writeAll(out, records, Map.of("caravan-test", "writer"));
        }
        RedisServerFixture.CheckResult check = RedisServerFixture.checkRdb(written);
        assertThat(check.ok()).as("redis-check-rdb: %s", check.output()).isTrue();
        try (RedisServerFixture reloaded = RedisServerFixture.startUsing(binary, written)) {
            assertThat(reloaded.digest()).as("DEBUG DIGEST of the writer's file").isEqualTo(digest);
            assertSameSizes(oracle, reloaded);
        }
    }

    private static void restore(RedisServerFixture server, List<Payload> payloads) {
        try (RespConnection c = server.connect()) {
            int db = -1;
            int pending = 0;
            for (Payload p : payloads) {
                if (p.db() != db) {
                    db = p.db();
                    c.queue("SELECT", Integer.toString(db));
                    pending++;
                }
                if (p.expireAtMs() >= 0) {
                    c.queue("RESTORE", p.key(), Long.toString(p.expireAtMs()), p.bytes(), "ABSTTL");
                } else {
                    c.queue("RESTORE", p.key(), "0", p.bytes());
                }
                pending++;
            }
            c.flush();
            for (; pending > 0; pending--) {
                Object reply = c.read();
                assertThat(reply).as("reply to SELECT/RESTORE").isEqualTo("OK");
            }
        }
    }

    private static void assertSameSizes(RedisServerFixture expected, RedisServerFixture actual) {
        for (int db = 0; db < 16; db++) {
            assertThat(actual.dbsize(db)).as("DBSIZE of db %d", db).isEqualTo(expected.dbsize(db));
        }
    }

    static Snapshot dump(Path file) throws IOException {
        List<Payload> payloads = new ArrayList<>();
        boolean[] modules = {false};
        DumpVisitor visitor = new DumpVisitor() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

            @Override
            protected java.io.OutputStream payloadSink(RdbEntry entry) {
                buffer.reset();
                modules[0] |= entry.type().family().equals("module");
                return buffer;
            }

            @Override
            protected void payloadDone(RdbEntry entry, long size) {
                payloads.add(new Payload(entry.db(), entry.key(), entry.expireAtMs(), buffer.toByteArray()));
            }

            @Override
            public void onModuleAux(long moduleId, String moduleName) {
                modules[0] = true;
            }
        };
        try (InputStream in = Files.newInputStream(file)) {
            RdbSummary summary = new RdbParser(in).parse(visitor);
            return new Snapshot(summary.version(), payloads, modules[0]);
        }
    }

    private static List<Named<Path>> servers() {
        Path onPath = RedisServerFixture.binary();
        Path embedded = RedisServerFixture.extractEmbeddedBinary();
        return List.of(Named.of("redis " + versionOf(onPath), onPath), Named.of("redis " + versionOf(embedded), embedded));
    }

    private static String versionOf(Path binary) {
        try (RedisServerFixture server = RedisServerFixture.startUsing(binary, null)) {
            return server.version();
        }
    }
}
