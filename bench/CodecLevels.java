import dev.caravan.archive.Codec;
import dev.caravan.archive.GzipCodec;
import dev.caravan.archive.ZipCodec;
import dev.caravan.archive.ZstdCodec;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What each of Caravan's codecs costs on an RDB: ratio and MB of RDB per CPU second of the
 * compressing thread (so a busy machine skews it little), best of {@code rounds}. Caravan's own
 * codec objects, so zip is java.util.zip's Deflater and zstd is zstd-jni at level 3
 * (here on the calling thread: in a backup it runs on a worker beside the writer).
 *
 * <pre>
 * ./mvnw -B -o -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * bench/dataset.sh bench/work/jmh-64m.rdb --size 64m
 * java -cp target/classes:$(cat target/cp.txt) bench/CodecLevels.java bench/work/jmh-64m.rdb zstd,zip1,zip3,zip6 2
 * </pre>
 */
public final class CodecLevels {

    private static final class Counter extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    public static void main(String[] args) throws Exception {
        byte[] rdb = Files.readAllBytes(Path.of(args[0]));
        String[] codecs = (args.length > 1 ? args[1] : "zstd,zip1,zip3,zip6").split(",");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("%s: %,d bytes%n%n| codec | ratio | MB/s per CPU s |%n|---|---:|---:|%n", args[0], rdb.length);
        for (String spec : codecs) {
            Codec codec = spec.startsWith("zip") ? new ZipCodec(Integer.parseInt(spec.substring(3)))
                    : spec.startsWith("gzip") ? new GzipCodec(Integer.parseInt(spec.substring(4)))
                    : new ZstdCodec(0);
            double best = 0;
            long out = 0;
            for (int r = 0; r < rounds; r++) {
                Counter counter = new Counter();
                long cpu = threads.getCurrentThreadCpuTime();
                try (OutputStream o = codec.compress(counter, "dump.rdb")) {
                    for (int i = 0; i < rdb.length; i += 1 << 16) {
                        o.write(rdb, i, Math.min(1 << 16, rdb.length - i));
                    }
                }
                cpu = threads.getCurrentThreadCpuTime() - cpu;
                best = Math.max(best, rdb.length / 1e3 / (cpu / 1e6));
                out = counter.bytes;
            }
            System.out.printf("| %s | %.2f | %.1f |%n", spec, (double) rdb.length / out, best);
        }
    }
}
