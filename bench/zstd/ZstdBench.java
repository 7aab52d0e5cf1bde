import java.io.*;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.*;

/**
 * Compresses FILE (held in memory) at level 3 on one thread; wall and CPU MB/s. zstd-jni and
 * aircompressor streams, and aircompressor's block API with one independent frame per 8 MiB.
 */
public class ZstdBench {
    static final class Counting extends OutputStream {
        long n;
        public void write(int b) { n++; }
        public void write(byte[] b, int o, int l) { n += l; }
    }
    public static void main(String[] a) throws Exception {
        byte[] data = Files.readAllBytes(Path.of(a[0]));
        int rounds = Integer.parseInt(a[1]);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            for (String lib : new String[] {"zstd-jni", "aircompressor", "air-frames-8MiB"}) {
                Counting sink = new Counting();
                long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
                if (lib.equals("air-frames-8MiB")) {
                    int frame = 8 << 20;
                    io.airlift.compress.zstd.ZstdCompressor c = new io.airlift.compress.zstd.ZstdCompressor();
                    byte[] out = new byte[c.maxCompressedLength(frame)];
                    for (int off = 0; off < data.length; off += frame) {
                        sink.n += c.compress(data, off, Math.min(frame, data.length - off), out, 0, out.length);
                    }
                } else try (OutputStream z = lib.equals("zstd-jni")
                         ? new com.github.luben.zstd.ZstdOutputStream(sink, 3).setChecksum(true)
                         : new io.airlift.compress.zstd.ZstdOutputStream(sink)) {
                    for (int off = 0; off < data.length; off += 65536) {
                        z.write(data, off, Math.min(65536, data.length - off));
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9, cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                System.out.printf("round %d %-14s wall %6.1f MB/s  cpu %6.1f MB/s  ratio %.3f  (%d -> %d bytes)%n",
                    r, lib, data.length / 1e6 / s, data.length / 1e6 / cpu, (double) data.length / sink.n, data.length, sink.n);
            }
        }
    }
}
