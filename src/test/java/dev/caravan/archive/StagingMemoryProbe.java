package dev.caravan.archive;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap: streams {@code args[1]} MiB of generated snapshot-like
 * bytes through a zstd {@link StagingWriter} into {@code args[0]}, reads them back through the
 * codec, and prints what it committed and read.
 */
public final class StagingMemoryProbe {

    private StagingMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long mib = Long.parseLong(args[1]);
        // 64 KiB of text tiled over 1 MiB: very compressible, so the run measures memory, not disk.
        byte[] tile = TestData.text(64 * 1024, 11);
        byte[] chunk = new byte[1024 * 1024];
        for (int off = 0; off < chunk.length; off += tile.length) {
            System.arraycopy(tile, 0, chunk, off, tile.length);
        }
        StagedFile staged;
        try (StagingWriter writer = StagingWriter.open(dir, "big.rdb.zst", new ZstdCodec(), "big.rdb")) {
            for (long i = 0; i < mib; i++) {
                // A different first bytes per MiB, so no two chunks are identical.
                chunk[(int) (i % 1000)] ^= (byte) i;
                writer.write(chunk, 0, chunk.length);
            }
            staged = writer.commit();
        }
        long read = 0;
        try (InputStream in = new ZstdCodec().decompress(Files.newInputStream(staged.path()))) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                read += n;
            }
        }
        System.out.println("raw=" + staged.rawBytes() + " size=" + staged.size() + " sha256=" + staged.sha256()
                + " read=" + read + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }
}
