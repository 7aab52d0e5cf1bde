package dev.caravan.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {

    private static byte[] data(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void givesTheSourceBytesInOrderWhateverTheReadSizes() throws IOException {
        byte[] data = data(1_000_003);
        for (int readSize : new int[] {1, 7, 4096, 1 << 20}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), 3, 1000, "test")) {
                byte[] buf = new byte[readSize];
                int n;
                if (readSize == 1) {
                    while ((n = in.read()) >= 0) {
                        out.write(n);
                    }
                } else {
                    while ((n = in.read(buf, 0, buf.length)) > 0) {
                        out.write(buf, 0, n);
                    }
                }
                assertThat(in.read()).isEqualTo(-1);
            }
            assertThat(out.toByteArray()).as("read %d at a time", readSize).isEqualTo(data);
        }
    }

    @Test
    void fillsEachChunkFromShortReadsOfTheSource() throws IOException {
        byte[] data = data(250_001);
        InputStream dribbling = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 333));
            }
        };
        try (InputStream in = new ReadAheadInputStream(dribbling, 2, 1000, "test")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void theSourcesFailureComesAfterTheBytesBeforeIt() throws IOException {
        IOException broken = new IOException("zstd: cannot decompress, the archive is corrupt");
        InputStream failing = new InputStream() {
            int left = 5000;

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    throw broken;
                }
                left--;
                return 'x';
            }
        };
        try (InputStream in = new ReadAheadInputStream(failing, 2, 1024, "test")) {
            byte[] got = new byte[5000];
            int total = 0;
            while (total < got.length) {
                total += in.read(got, total, got.length - total);
            }
            assertThat(total).isEqualTo(5000);
            assertThatThrownBy(in::read).isSameAs(broken);
        }
    }

    @Test
    void readsOnlyAFewChunksAheadAndClosingStopsTheThreadBeforeClosingTheSource() throws Exception {
        AtomicLong produced = new AtomicLong();
        AtomicBoolean closedWhileReading = new AtomicBoolean();
        AtomicBoolean reading = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                reading.set(true);
                try {
                    produced.addAndGet(len);
                    return len;
                } finally {
                    reading.set(false);
                }
            }

            @Override
            public void close() {
                closedWhileReading.set(reading.get());
                closed.set(true);
            }
        };
        ReadAheadInputStream in = new ReadAheadInputStream(endless, 4, 1000, "test");
        assertThat(in.read()).isZero();
        Thread.sleep(300);
        // one chunk being read, one current, at most chunks + 1 queued: never the endless source
        assertThat(produced.get()).isLessThanOrEqualTo(7 * 1000);
        in.close();
        assertThat(closed).isTrue();
        assertThat(closedWhileReading).isFalse();
        long afterClose = produced.get();
        Thread.sleep(100);
        assertThat(produced.get()).as("the thread stopped reading").isEqualTo(afterClose);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
}
