package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heap use does not depend on value size: an RDB with a ~300 MB string and a ~200 MB
 * LZF-compressed string (written in a streaming way by RdbWriter) is validated and dumped by a
 * child JVM limited to 64 MB of heap.
 */
class MemoryTest {

    private static final long RAW = 300L << 20;
    private static final long BACKREFS = 800_000; // about 201 MB decompressed

    @Test
    void validatesAndDumpsHugeValuesInASmallHeap(@TempDir Path dir) throws Exception {
        Path rdb = dir.resolve("big.rdb");
        GeneratedPayload raw = GeneratedPayload.rawString(RAW);
        GeneratedPayload lzf = GeneratedPayload.lzfString(BACKREFS);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(rdb), 1 << 16);
                RdbWriter w = new RdbWriter(out, 9)) {
            w.write(RdbRecord.streamed(0, "raw".getBytes(StandardCharsets.US_ASCII), -1, raw, raw.length()));
            w.write(RdbRecord.streamed(0, "lzf".getBytes(StandardCharsets.US_ASCII), 4102444800000L, lzf, lzf.length()));
        }
        assertThat(Files.size(rdb)).isGreaterThan(RAW);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = location(MemoryProbe.class) + File.pathSeparator + location(RdbParser.class);
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", cp, MemoryProbe.class.getName(), rdb.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("keys=2 checksum=VERIFIED payloadBytes=" + (raw.length() + lzf.length()));
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
