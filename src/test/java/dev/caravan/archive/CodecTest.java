package dev.caravan.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecTest {

    private static final Codecs CODECS = Codecs.standard();
    private static final byte[] DATA = TestData.mixed(3 * 1024 * 1024 + 17, 1);

    @TempDir
    Path dir;

    static byte[] compress(Codec codec, byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressor = codec.compress(out, "shard-0.rdb")) {
            // Odd-sized writes, as a network pull delivers them.
            for (int off = 0; off < plain.length; off += 7_777) {
                compressor.write(plain, off, Math.min(7_777, plain.length - off));
            }
        }
        return out.toByteArray();
    }

    static byte[] decompress(Codec codec, byte[] compressed) throws IOException {
        try (InputStream in = codec.decompress(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "gzip", "zip", "none"})
    void roundTripsSeveralMegabytesAndTheEmptyInput(String name) throws IOException {
        Codec codec = CODECS.byName(name);
        for (byte[] plain : new byte[][] {DATA, new byte[0], new byte[] {42}}) {
            byte[] compressed = compress(codec, plain);
            assertThat(decompress(codec, compressed)).isEqualTo(plain);
            if (!name.equals("none") && plain.length > 1000) {
                assertThat(compressed.length).isLessThan(plain.length);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "gzip", "zip", "none"})
    void singleByteWritesAndReadsAgreeWithBulkOnes(String name) throws IOException {
        Codec codec = CODECS.byName(name);
        byte[] plain = TestData.mixed(ZstdCodec.FRAME_SIZE + 1000, 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressor = codec.compress(out, "s.rdb")) {
            compressor.write(plain, 0, ZstdCodec.FRAME_SIZE - 10);
            for (int i = ZstdCodec.FRAME_SIZE - 10; i < plain.length; i++) {
                compressor.write(plain[i]);
            }
        }
        try (InputStream in = codec.decompress(new ByteArrayInputStream(out.toByteArray()))) {
            byte[] head = new byte[100];
            for (int i = 0; i < head.length; i++) {
                head[i] = (byte) in.read();
            }
            assertThat(head).isEqualTo(Arrays.copyOf(plain, 100));
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(plain, 100, plain.length));
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void zstdFramesAreReadAndVerifiedByTheZstdCli() throws Exception {
        Files.write(dir.resolve("shard-0.rdb.zst"), compress(CODECS.byName("zstd"), DATA));
        String listing = Tools.run(dir, "zstd", "-lv", "shard-0.rdb.zst");
        assertThat(listing).contains("XXH64");
        Tools.run(dir, "zstd", "-q", "-d", "shard-0.rdb.zst", "-o", "out.rdb");
        assertThat(Files.readAllBytes(dir.resolve("out.rdb"))).isEqualTo(DATA);
    }

    @Test
    void zstdWritesOneChecksummedFramePerEightMebibytesThatTheCliReads() throws Exception {
        byte[] big = tiled(20 * 1024 * 1024);
        byte[] compressed = compress(CODECS.byName("zstd"), big);
        // Repeated content must compress like zstd does: aircompressor's own stream did not.
        assertThat(compressed.length).isLessThan(big.length / 100);
        Files.write(dir.resolve("big.rdb.zst"), compressed);
        String listing = Tools.run(dir, "zstd", "-lv", "big.rdb.zst");
        assertThat(listing).contains("# Zstandard Frames: 3").contains("XXH64");
        Tools.run(dir, "zstd", "-q", "-d", "big.rdb.zst", "-o", "big.rdb");
        assertThat(Files.readAllBytes(dir.resolve("big.rdb"))).isEqualTo(big);
        assertThat(decompress(CODECS.byName("zstd"), compressed)).isEqualTo(big);
    }

    @Test
    void zstdWorkersWriteTheSameBytesAsTheWritersThreadAndStopOnClose() throws Exception {
        byte[] plain = TestData.mixed(3 * ZstdCodec.FRAME_SIZE + 12_345, 21);
        byte[] inline = compress(new ZstdCodec(0), plain);
        for (int workers : new int[] {1, 3}) {
            assertThat(compress(new ZstdCodec(workers), plain)).as("%d workers", workers).isEqualTo(inline);
        }
        assertThat(decompress(CODECS.byName("zstd"), inline)).isEqualTo(plain);
        ZstdThreads.awaitNone();
    }

    private static byte[] tiled(int size) {
        byte[] tile = TestData.text(64 * 1024, 2);
        byte[] out = new byte[size];
        for (int off = 0; off < size; off += tile.length) {
            System.arraycopy(tile, 0, out, off, Math.min(tile.length, size - off));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"-3", "-19", "--no-check", "--fast=1"})
    void readsWhatTheZstdCliWrites(String option) throws Exception {
        Files.write(dir.resolve("in.rdb"), DATA);
        Tools.run(dir, "zstd", "-q", option, "in.rdb", "-o", "in.rdb.zst");
        assertThat(decompress(CODECS.byName("zstd"), Files.readAllBytes(dir.resolve("in.rdb.zst")))).isEqualTo(DATA);
    }

    @Test
    void emptyZstdFrameIsStandard() throws Exception {
        Files.write(dir.resolve("empty.rdb.zst"), compress(CODECS.byName("zstd"), new byte[0]));
        Tools.run(dir, "zstd", "-q", "-d", "empty.rdb.zst", "-o", "empty.rdb");
        assertThat(dir.resolve("empty.rdb")).isEmptyFile();
    }

    @Test
    void gzipInteroperatesWithGzipBothWays() throws Exception {
        Files.write(dir.resolve("ours.rdb.gz"), compress(CODECS.byName("gzip"), DATA));
        Tools.run(dir, "gunzip", "-t", "ours.rdb.gz");
        assertThat(Tools.run(dir, "gunzip", "-c", "ours.rdb.gz").length()).isPositive();
        Tools.run(dir, "gunzip", "ours.rdb.gz");
        assertThat(Files.readAllBytes(dir.resolve("ours.rdb"))).isEqualTo(DATA);

        Files.write(dir.resolve("theirs.rdb"), DATA);
        Tools.run(dir, "gzip", "-9", "theirs.rdb");
        assertThat(decompress(CODECS.byName("gzip"), Files.readAllBytes(dir.resolve("theirs.rdb.gz")))).isEqualTo(DATA);
    }

    @Test
    void zipHasOneEntryNamedAfterTheShardThatUnzipExtracts() throws Exception {
        Files.write(dir.resolve("shard-0.rdb.zip"), compress(CODECS.byName("zip"), DATA));
        Tools.run(dir, "unzip", "-tq", "shard-0.rdb.zip");
        String listing = Tools.run(dir, "unzip", "-Z1", "shard-0.rdb.zip");
        assertThat(listing.strip()).isEqualTo("shard-0.rdb");
        Tools.run(dir, "unzip", "-q", "shard-0.rdb.zip", "-d", "out");
        assertThat(Files.readAllBytes(dir.resolve("out/shard-0.rdb"))).isEqualTo(DATA);
    }

    @Test
    void zipWithMoreThanOneEntryIsRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("a.rdb"));
            zip.write(DATA, 0, 1000);
            zip.putNextEntry(new java.util.zip.ZipEntry("b.rdb"));
            zip.write(DATA, 0, 1000);
        }
        assertThatThrownBy(() -> decompress(CODECS.byName("zip"), out.toByteArray()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("more than one entry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "gzip", "zip"})
    void flippedByteAnywhereIsAClearIOException(String name) throws IOException {
        Codec codec = CODECS.byName(name);
        byte[] compressed = compress(codec, DATA);
        for (double at : new double[] {0.25, 0.5, 0.75}) {
            byte[] damaged = compressed.clone();
            damaged[(int) (damaged.length * at)] ^= 0x10;
            assertThatThrownBy(() -> decompress(codec, damaged))
                    .as("flipped byte at %.0f%%", at * 100)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(name + ": ");
        }
    }

    /** Random bytes are stored in raw blocks, so only the frame's content checksum can see a flip there. */
    @Test
    void zstdContentChecksumIsWrittenAndVerified() throws IOException {
        byte[] random = new byte[512 * 1024];
        new java.util.Random(5).nextBytes(random);
        Codec zstd = CODECS.byName("zstd");
        byte[] compressed = compress(zstd, random);
        byte[] damaged = compressed.clone();
        damaged[damaged.length / 2] ^= 0x01;
        assertThatThrownBy(() -> decompress(zstd, damaged))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("zstd: ")
                .hasMessageContaining("checksum");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "gzip", "zip"})
    void truncatedArchiveIsAClearIOException(String name) throws IOException {
        Codec codec = CODECS.byName(name);
        byte[] compressed = compress(codec, DATA);
        for (int length : new int[] {compressed.length / 2, 10, 0}) {
            byte[] truncated = Arrays.copyOf(compressed, length);
            assertThatThrownBy(() -> decompress(codec, truncated))
                    .as("truncated to %d of %d bytes", length, compressed.length)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(name + ": ");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "gzip"})
    void missingLastBytesAreAClearIOException(String name) throws IOException {
        Codec codec = CODECS.byName(name);
        byte[] compressed = compress(codec, DATA);
        byte[] truncated = Arrays.copyOf(compressed, compressed.length - 1);
        assertThatThrownBy(() -> decompress(codec, truncated))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(name + ": ");
    }

    @Test
    void unknownCodecNamesTheKnownOnes() {
        assertThatThrownBy(() -> CODECS.byName("lz4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown codec 'lz4'; known: zstd, gzip, zip, none");
    }
}
