package dev.caravan.rdb;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Hand-run throughput measurement. Builds a mixed RDB of about the requested size by repeating
 * every DUMP payload of the corpus and the fixtures under new keys (real encodings written by
 * real servers), then reports CRC-64, validate and dump throughput on one core.
 *
 * <pre>
 * ./mvnw -B -o -q test-compile
 * java -cp target/test-classes:target/classes dev.caravan.rdb.RdbThroughput /tmp/mixed.rdb 500
 * redis-check-rdb /tmp/mixed.rdb   # for comparison
 * </pre>
 */
public final class RdbThroughput {

    private RdbThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/caravan-mixed.rdb");
        long target = (args.length > 1 ? Long.parseLong(args[1]) : 500) << 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long size = generate(file, target);
        System.out.printf("file %s: %.1f MB%n", file, size / 1e6);

        byte[] block = new byte[64 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(block, 0, block.length);
        }
        double crc = best(rounds, () -> Crc64.update(0, block, 0, block.length), block.length);
        System.out.printf("crc64:    %7.0f MB/s%n", crc);
        double validate = best(rounds, () -> parse(file, new ValidateVisitor()), size);
        System.out.printf("validate: %7.0f MB/s%n", validate);
        double dump = best(rounds, () -> parse(file, new DumpVisitor() {
            @Override
            protected OutputStream payloadSink(RdbEntry entry) {
                return OutputStream.nullOutputStream();
            }
        }), size);
        System.out.printf("dump:     %7.0f MB/s%n", dump);
    }

    private interface Job {
        void run() throws IOException;
    }

    private static double best(int rounds, Job job, long bytes) throws IOException {
        double best = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            job.run();
            best = Math.max(best, bytes / 1e6 / ((System.nanoTime() - t0) / 1e9));
        }
        return best;
    }

    private static long parse(Path file, RdbVisitor visitor) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new RdbParser(in).parse(visitor).keys();
        }
    }

    /** Writes about {@code target} bytes of RDB 10 (so redis-check-rdb 7.0 can compare) from the corpus payloads. */
    static long generate(Path file, long target) throws IOException {
        List<RdbRecord> seeds = new ArrayList<>();
        for (Path p : Corpus.files()) {
            new RdbParser(new ByteArrayInputStream(Corpus.bytes(p))).parse(DumpVisitor.inMemory((e, payload) -> {
                if (e.type().minVersion() <= 10) {
                    seeds.add(RdbRecord.of(0, e.key(), e.expireAtMs(), payload));
                }
            }));
        }
        long written;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                RdbWriter w = new RdbWriter(out, 10)) {
            for (Map.Entry<String, String> aux : Map.of("redis-ver", "7.4.0", "redis-bits", "64").entrySet()) {
                w.aux(aux.getKey(), aux.getValue());
            }
            long approx = 0;
            for (int round = 0; approx < target; round++) {
                byte[] suffix = (":" + round).getBytes(StandardCharsets.US_ASCII);
                for (RdbRecord s : seeds) {
                    byte[] key = Arrays.copyOf(s.key(), s.key().length + suffix.length);
                    System.arraycopy(suffix, 0, key, s.key().length, suffix.length);
                    w.write(RdbRecord.of(0, key, s.expireAtMs(), s.payload()));
                    approx += key.length + s.payloadLength();
                }
            }
            written = w.finish();
        }
        return written;
    }
}
