package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.rdb.DumpPayloadOutputStream;
import dev.caravan.rdb.RdbRecord;
import dev.caravan.rdb.RdbType;
import dev.caravan.rdb.RdbWriter;
import dev.caravan.redis.PullOptions;
import dev.caravan.redis.RedisUri;
import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys bigger than the spill threshold go through a file, not the heap: a 120 MB string loads
 * from a child JVM limited to 64 MB of heap, and with a 1 KB threshold every bigger value of the
 * every-type dataset takes the spilled path and arrives intact.
 */
class BigKeyTest {

    private static final long BIG = 120L << 20;

    @TempDir
    Path tmp;

    @Test
    void aKeyBiggerThanTheHeapIsStreamedFromDisk() throws Exception {
        Path rdb = tmp.resolve("big.rdb");
        Path payload = tmp.resolve("big.payload");
        writeStringPayload(payload, BIG);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(rdb), 1 << 16);
             RdbWriter writer = new RdbWriter(out, 9);
             InputStream in = Files.newInputStream(payload)) {
            writer.write(RdbRecord.of(0, "small".getBytes(StandardCharsets.UTF_8), -1, smallPayload()));
            writer.write(RdbRecord.streamed(0, "big".getBytes(StandardCharsets.UTF_8), -1, in, Files.size(payload)));
        }
        Files.delete(payload);

        try (RedisServerFixture target = RedisServerFixture.start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = location(BigKeyProbe.class) + File.pathSeparator + location(RedisLoader.class);
            Process p = new ProcessBuilder(java, "-Xmx64m", "-Djava.io.tmpdir=" + tmp, "-cp", cp,
                    BigKeyProbe.class.getName(), rdb.toString(), target.uri())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            System.out.println("BigKeyProbe: " + output.strip());
            assertThat(output).contains("restored=2 failed=0 bytes=" + Files.size(rdb));
            assertThat((Long) target.call("STRLEN", "big")).isEqualTo(BIG);
            assertThat(Files.list(tmp).map(f -> f.getFileName().toString())).containsExactly("big.rdb");
            try (RedisServerFixture loaded = RedisServerFixture.start(rdb)) {
                assertThat(target.digest()).isEqualTo(loaded.digest());
            }
        }
    }

    @Test
    void everySpilledValueArrivesIntact() throws IOException {
        try (RedisServerFixture source = RedisServerFixture.start(); RedisServerFixture target = RedisServerFixture.start()) {
            Datasets.seedEveryType(source);
            Path dump = source.save();
            Path spill = tmp.resolve("spill");
            LoadReport report = new RedisLoader(PullOptions.defaults(), spill, 1024).load(dump,
                    RedisUri.parse(target.uri()), LoadOptions.defaults().withWindow(8), new LoadCounters());
            assertThat(report.failed()).isZero();
            assertThat(target.digest()).isEqualTo(source.digest());
            for (int db : List.of(0, 1, 5)) {
                Keyspaces.assertSame(source, db, target, db);
            }
            assertThat(spill).isEmptyDirectory();
        }
    }

    /** A DUMP payload of a raw string of {@code size} random bytes (RDB string with a 64-bit length). */
    private static void writeStringPayload(Path file, long size) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             DumpPayloadOutputStream payload = new DumpPayloadOutputStream(out, RdbType.STRING)) {
            payload.write(0x81);
            for (int i = 7; i >= 0; i--) {
                payload.write((int) (size >>> (8 * i)) & 0xff);
            }
            SplittableRandom random = new SplittableRandom(11);
            byte[] chunk = new byte[1 << 16];
            for (long left = size; left > 0; left -= chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long r = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        chunk[i + j] = (byte) (r >>> (8 * j));
                    }
                }
                payload.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
    }

    private static byte[] smallPayload() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (DumpPayloadOutputStream payload = new DumpPayloadOutputStream(out, RdbType.STRING)) {
            payload.write(5);
            payload.write("hello".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
