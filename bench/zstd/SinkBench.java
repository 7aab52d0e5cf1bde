import dev.caravan.archive.*;
import java.io.*;
import java.lang.management.ManagementFactory;
import java.nio.file.*;

/**
 * Streams FILE through a StagingWriter per codec (64 KiB writes): wall MB/s, and MB/s per CPU
 * second of the writer's thread (zstd workers run on threads of their own).
 */
public class SinkBench {
    public static void main(String[] a) throws Exception {
        Path file = Path.of(a[0]);
        Path dir = Files.createTempDirectory(Path.of(a[1]), "sink");
        var mx = ManagementFactory.getThreadMXBean();
        Codecs codecs = Codecs.standard();
        for (int round = 0; round < Integer.parseInt(a[2]); round++) {
            for (String name : a[3].split(",")) {
                // zstd-N: zstd with N worker threads (zstd-0 compresses on the writer's thread).
                Codec codec = name.startsWith("zstd-")
                        ? new ZstdCodec(Integer.parseInt(name.substring(5))) : codecs.byName(name);
                String fileName = round + "-" + ArchiveLayout.archiveFileName("s", codec);
                long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
                StagedFile staged;
                try (InputStream in = Files.newInputStream(file);
                     StagingWriter w = StagingWriter.open(dir, fileName, codec, "s.rdb")) {
                    byte[] buf = new byte[65536];
                    for (int n; (n = in.read(buf)) > 0; ) w.write(buf, 0, n);
                    staged = w.commit();
                }
                double s = (System.nanoTime() - t0) / 1e9, cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                System.out.printf("round %d %-7s wall %6.1f MB/s writer cpu %6.1f MB/s ratio %.3f%n", round, name,
                    staged.rawBytes() / 1e6 / s, staged.rawBytes() / 1e6 / cpu, (double) staged.rawBytes() / staged.size());
                Files.delete(staged.path());
            }
        }
    }
}
