package dev.caravan.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StagingWriterTest {

    private static final byte[] DATA = TestData.mixed(4 * 1024 * 1024 + 5, 3);
    private static final Codecs CODECS = Codecs.standard();

    @TempDir
    Path staging;

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "gzip", "zip", "none"})
    void countsHashesAndCommitsWhatTheToolsRead(String name) throws Exception {
        Codec codec = CODECS.byName(name);
        String fileName = ArchiveLayout.archiveFileName("shard-0", codec);
        StagedFile staged;
        try (StagingWriter writer = StagingWriter.open(staging, fileName, codec, "shard-0.rdb")) {
            for (int off = 0; off < DATA.length; off += 65_536) {
                writer.write(DATA, off, Math.min(65_536, DATA.length - off));
            }
            assertThat(writer.rawBytes()).isEqualTo(DATA.length);
            staged = writer.commit();
        }
        Path file = staging.resolve(fileName);
        assertThat(staged.path()).isEqualTo(file);
        assertThat(staged.codec()).isEqualTo(name);
        assertThat(staged.rawBytes()).isEqualTo(DATA.length);
        assertThat(staged.size()).isEqualTo(Files.size(file));
        String sha256sum = Tools.run(staging, "sha256sum", fileName);
        assertThat(sha256sum).startsWith(staged.sha256() + " ");
        try (InputStream in = codec.decompress(Files.newInputStream(file))) {
            assertThat(in.readAllBytes()).isEqualTo(DATA);
        }
    }

    @Test
    void abortKeepsTheFileAsideUnderAFailedName() throws IOException {
        Path aside;
        try (StagingWriter writer = StagingWriter.open(staging, "shard-0.rdb.zst", CODECS.byName("zstd"), "shard-0.rdb")) {
            writer.write(DATA, 0, 100_000);
            aside = writer.abort(new IOException("CRC64 mismatch"));
            assertThatThrownBy(() -> writer.write(1)).isInstanceOf(IOException.class);
        }
        assertThat(aside).isEqualTo(staging.resolve("shard-0.rdb.zst.failed")).exists();
        assertThat(staging.resolve("shard-0.rdb.zst")).doesNotExist();
    }

    @Test
    void abortingAZstdWriterMidFrameStopsItsWorkers() throws Exception {
        try (StagingWriter writer = StagingWriter.open(staging, "z.rdb.zst", new ZstdCodec(2), "z.rdb")) {
            byte[] data = TestData.mixed(2 * ZstdCodec.FRAME_SIZE + 100, 6);
            writer.write(data);
            writer.abort(new IOException("parse failed"));
        }
        assertThat(staging.resolve("z.rdb.zst.failed")).exists();
        ZstdThreads.awaitNone();
    }

    @Test
    void closingWithoutCommitIsAnAbort() throws IOException {
        try (StagingWriter writer = StagingWriter.open(staging, "s.rdb.gz", CODECS.byName("gzip"), "s.rdb")) {
            writer.write(DATA, 0, 10);
        }
        assertThat(staging.resolve("s.rdb.gz.failed")).exists();
        assertThat(staging.resolve("s.rdb.gz")).doesNotExist();
    }

    @Test
    void refusesToOverwriteAStagingFileOrUseAnUnsafeName() throws IOException {
        Files.writeString(staging.resolve("s.rdb.zst"), "older");
        assertThatThrownBy(() -> StagingWriter.open(staging, "s.rdb.zst", CODECS.byName("zstd"), "s.rdb"))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> StagingWriter.open(staging, "../s.rdb.zst", CODECS.byName("zstd"), "s.rdb"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readString(staging.resolve("s.rdb.zst"))).isEqualTo("older");
    }

    /** 1 GiB through a zstd writer, and back through the codec, in a JVM whose whole heap is 64 MiB. */
    @Test
    void memoryStaysBoundedForAGibibyteBothWaysInASixtyFourMegabyteHeap() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                StagingMemoryProbe.class.getName(), staging.toString(), "1024"))
                .redirectErrorStream(true)
                .start();
        String out = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("raw=" + (1024L * 1024 * 1024) + " ").contains("read=" + (1024L * 1024 * 1024) + " ");
        String sha256sum = Tools.run(staging, "sha256sum", "big.rdb.zst");
        assertThat(out).contains("sha256=" + sha256sum.substring(0, 64));
    }
}
