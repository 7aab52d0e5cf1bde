package dev.caravan.rdb;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Child-JVM entry point of {@link MemoryTest}: validates and dumps (into a discarding sink) the
 * RDB named by its argument under whatever -Xmx it was started with. Prints one summary line.
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    public static void main(String[] args) throws IOException {
        long[] payloadBytes = new long[1];
        RdbSummary validated;
        try (InputStream in = new FileInputStream(args[0])) {
            validated = new RdbParser(in).parse(new ValidateVisitor());
        }
        try (InputStream in = new BufferedInputStream(new FileInputStream(args[0]))) {
            new RdbParser(in).parse(new DumpVisitor() {
                @Override
                protected OutputStream payloadSink(RdbEntry entry) {
                    return OutputStream.nullOutputStream();
                }

                @Override
                protected void payloadDone(RdbEntry entry, long size) {
                    payloadBytes[0] += size;
                }
            });
        }
        System.out.println("keys=" + validated.keys() + " checksum=" + validated.checksum() + " payloadBytes="
                + payloadBytes[0] + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }
}
