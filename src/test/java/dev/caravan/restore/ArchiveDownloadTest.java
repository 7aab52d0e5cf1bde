package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.caravan.restore.RestoreRefusedException.Reason;

/**
 * An archive read while its download writes it: the reader gets what is written before the
 * download ends and waits for the rest; a failed download is an error to the reader and its
 * refusal to {@code await}; closing the downloads stops one blocked on a silent socket.
 */
@Timeout(30)
class ArchiveDownloadTest {

    @TempDir
    Path dir;

    @Test
    void theReaderGetsWrittenBytesBeforeTheDownloadEndsAndWaitsForTheRest() throws Exception {
        Path file = Files.createFile(dir.resolve("a.rdb.zst"));
        ArchiveDownload download = new ArchiveDownload(file);
        try (OutputStream out = Files.newOutputStream(file); InputStream in = download.open()) {
            out.write(bytes(0, 1000));
            download.wrote(1000);
            assertThat(download.written()).as("its progress").isEqualTo(1000);
            byte[] first = in.readNBytes(1000);
            assertThat(first).isEqualTo(bytes(0, 1000));

            CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> readAll(in));
            Thread.sleep(200);
            assertThat(rest).as("no bytes beyond what is written, and no end before the download's").isNotDone();
            out.write(bytes(1000, 500));
            download.wrote(500);
            download.completed();
            assertThat(rest.get(10, TimeUnit.SECONDS)).isEqualTo(bytes(1000, 500));
        }
        assertThat(download.await()).isEqualTo(1500);
    }

    @Test
    void aFailedDownloadIsAnErrorToTheReaderAndItsRefusalToAwait() throws Exception {
        Path file = Files.createFile(dir.resolve("b.rdb.zst"));
        ArchiveDownload download = new ArchiveDownload(file);
        RestoreRefusedException refusal = new RestoreRefusedException(Reason.CORRUPT_ARCHIVE,
                "b.rdb.zst has 10 bytes, its manifest gives 20 (truncated?)");
        try (OutputStream out = Files.newOutputStream(file); InputStream in = download.open()) {
            out.write(bytes(0, 10));
            download.wrote(10);
            assertThat(in.readNBytes(10)).hasSize(10);
            CompletableFuture<byte[]> blocked = CompletableFuture.supplyAsync(() -> readAll(in));
            Thread.sleep(100);
            download.failed(refusal);
            assertThatThrownBy(() -> blocked.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class)
                    .hasMessageContaining("the download of b.rdb.zst stopped").hasMessageContaining("truncated?");
        }
        assertThatThrownBy(download::await).isSameAs(refusal);
        download.completed();
        assertThatThrownBy(download::await).as("a failure stands").isSameAs(refusal);
    }

    @Test
    void downloadsRunInOrderAndEachEndsWithItsOwnOutcome() throws Exception {
        List<String> ran = new ArrayList<>();
        ArchiveDownload first = new ArchiveDownload(Files.createFile(dir.resolve("1")));
        ArchiveDownload second = new ArchiveDownload(Files.createFile(dir.resolve("2")));
        RestoreRefusedException missing = new RestoreRefusedException(Reason.CORRUPT_ARCHIVE, "2 is missing");
        try (ArchiveDownloads downloads = new ArchiveDownloads()) {
            downloads.add(first, (into, d) -> {
                ran.add("1");
                Files.write(into.path(), bytes(0, 7));
                into.wrote(7);
            });
            downloads.add(second, (into, d) -> {
                ran.add("2");
                throw missing;
            });
            downloads.start();
            assertThat(first.await()).isEqualTo(7);
            assertThatThrownBy(second::await).isSameAs(missing);
        }
        assertThat(ran).containsExactly("1", "2");
    }

    @Test
    void closingStopsADownloadBlockedOnASilentSocketAndFailsTheOnesNotStarted() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch reading = new CountDownLatch(1);
            ArchiveDownload silent = new ArchiveDownload(Files.createFile(dir.resolve("silent")));
            ArchiveDownload never = new ArchiveDownload(Files.createFile(dir.resolve("never")));
            ArchiveDownloads downloads = new ArchiveDownloads();
            downloads.add(silent, (into, d) -> {
                try (Socket socket = new Socket(server.getInetAddress(), server.getLocalPort())) {
                    InputStream in = socket.getInputStream();
                    d.reading(in);
                    reading.countDown();
                    in.read(); // the server never writes
                }
            });
            downloads.add(never, (into, d) -> {
                throw new AssertionError("a closed plan starts no download");
            });
            downloads.start();
            try (Socket accepted = server.accept()) {
                assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
                long start = System.nanoTime();
                downloads.close();
                assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
            }
            assertThatThrownBy(silent::await).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(never::await).hasMessageContaining("the restore ended before this archive was fetched");
        }
    }

    private static byte[] bytes(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
