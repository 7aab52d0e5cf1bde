package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.caravan.rdb.RdbParser;
import dev.caravan.redis.RedisUri;
import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every {@link RedisLoaderTest} again with each load prepared as the restore's verify pass
 * prepares it (commands and their index written to staging, big payloads through the spill file)
 * and then replayed into the target; and what only a prepared load does: fall back when its files
 * cannot be written, and stop on a target that fails while the file is sent.
 */
class PreparedLoadTest extends RedisLoaderTest {

    /** Payloads above 1 KiB go through the spill file while preparing, as above 8 MiB in production. */
    private static final long SPILL_THRESHOLD = 1024;

    @Override
    LoadReport load(Path rdb, RedisUri target, LoadOptions options, LoadCounters counters) throws IOException {
        if (options.dryRun()) {
            return super.load(rdb, target, options, counters); // a dry run is never prepared
        }
        PreparedLoad prepared = prepare(rdb, options, tmp.resolve("prepared"));
        assertThat(prepared).as("prepared").isNotNull();
        RdbRequirements requirements;
        try (InputStream in = Files.newInputStream(rdb)) {
            requirements = RdbRequirements.of(in, options.filter());
        }
        LoadReport report = new RedisLoader().replay(prepared, target, options, requirements, counters);
        assertThat(counters.bytesRead()).as("progress at the end").isEqualTo(Files.size(rdb));
        return report;
    }

    /** What {@code RestoreVerifier} does for a server target, on a plain RDB file. */
    static PreparedLoad prepare(Path rdb, LoadOptions options, Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(rdb)) {
            CountingInputStream input = new CountingInputStream(in);
            PreparedLoad.Recorder recorder = PreparedLoad.record(dir, "archive-0",
                    options.mode() != RestoreMode.SKIP_EXISTING, input::count);
            try (SpillBuffer spill = new SpillBuffer(dir, SPILL_THRESHOLD)) {
                new RdbParser(input).checkingInParallel().copiesUsedAfterTheParse()
                        .parse(new LoadVisitor(input, options.filter(), recorder.counters(), recorder.commands(), spill));
            }
            return recorder.finish();
        }
    }

    @Test
    void aPreparationThatCannotBeWrittenIsDroppedForTheStreamingLoad() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("full"));
        // every write to /dev/full fails with "No space left on device"
        Files.createSymbolicLink(dir.resolve("archive-0.resp"), Path.of("/dev/full"));
        assertThat(prepare(dump, LoadOptions.defaults(), dir)).isNull();
        assertThat(dir.resolve("archive-0.resp")).doesNotExist();
        assertThat(dir.resolve("archive-0.index")).doesNotExist();
    }

    @Test
    void aTargetThatRunsOutOfMemoryStopsTheReplay() throws IOException {
        PreparedLoad prepared = prepare(dump, LoadOptions.defaults(), tmp.resolve("prepared"));
        RdbRequirements requirements;
        try (InputStream in = Files.newInputStream(dump)) {
            requirements = RdbRequirements.of(in, RestoreFilter.all());
        }
        try (RedisServerFixture target = RedisServerFixture.start("--maxmemory", "1500kb",
                "--maxmemory-policy", "noeviction")) {
            for (int big = 0; big < 20; big++) {
                target.call("SET", "filler:" + big, "x".repeat(50_000));
            }
            LoadCounters counters = new LoadCounters();
            RestoreRefusedException e = catchThrowableOfType(RestoreRefusedException.class, () -> new RedisLoader()
                    .replay(prepared, RedisUri.parse(target.uri()), LoadOptions.defaults(), requirements, counters));
            assertThat(e.reason()).isEqualTo(RestoreRefusedException.Reason.TARGET_FAILED);
            assertThat(e.getMessage()).contains("OOM", "keys sent before this point are in the target");
            assertThat(counters.restored()).isLessThan(requirements.keys());
            assertThat(RespConnection.text(target.call("PING"))).isEqualTo("PONG");
        }
    }
}
