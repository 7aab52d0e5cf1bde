package dev.caravan.redis;

import dev.caravan.archive.BoundedPipe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The plain parts of scan mode: the bounded pipe, the set of keys seen, and what INFO says. */
class ScanPartsTest {

    @Test
    void thePipeCarriesEveryByteInOrderThroughFewChunks() throws Exception {
        BoundedPipe pipe = new BoundedPipe(2, 1000);
        byte[] data = new byte[1_234_567];
        new Random(1).nextBytes(data);
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = pipe.sink();
                for (int at = 0; at < data.length; at += 777) {
                    out.write(data, at, Math.min(777, data.length - at));
                }
                out.write(7);
                pipe.finish();
            } catch (IOException e) {
                pipe.fail(e);
            }
        });
        writer.start();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        pipe.source().transferTo(read);
        writer.join();
        byte[] expected = java.util.Arrays.copyOf(data, data.length + 1);
        expected[data.length] = 7;
        assertThat(read.toByteArray()).isEqualTo(expected);
        assertThat(pipe.ended()).isTrue();
    }

    @Test
    void theReaderGetsTheWritersFailureAfterTheBytesBeforeIt() throws Exception {
        BoundedPipe pipe = new BoundedPipe(4, 16);
        pipe.sink().write("0123456789".getBytes(StandardCharsets.US_ASCII));
        pipe.fail(new SnapshotException(SnapshotException.Kind.IO, "gone"));
        InputStream in = pipe.source();
        assertThat(in.readNBytes(10)).isEqualTo("0123456789".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(in::read).isInstanceOf(SnapshotException.class).hasMessage("gone");
        assertThat(pipe.ended()).isFalse();
    }

    @Test
    void aReaderThatStopsEarlyStopsTheWriter() throws Exception {
        BoundedPipe pipe = new BoundedPipe(2, 16);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                while (true) {
                    pipe.sink().write(new byte[100]);
                }
            } catch (IOException e) {
                failure.set(e);
            }
        });
        writer.start();
        pipe.source().read();
        pipe.source().close();
        writer.join(10_000);
        assertThat(writer.isAlive()).isFalse();
        assertThat(failure.get()).hasMessageContaining("the reader closed the stream");
    }

    @Test
    void seenKeysRemembersEachKeyOnceAcrossGrowth() {
        SeenKeys seen = new SeenKeys();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(("key:" + i).getBytes(StandardCharsets.UTF_8))).isTrue();
        }
        for (int i = 0; i < 100_000; i += 7) {
            assertThat(seen.add(("key:" + i).getBytes(StandardCharsets.UTF_8))).isFalse();
        }
        assertThat(seen.size()).isEqualTo(100_000);
        assertThat(seen.add(new byte[0])).isTrue();
        seen.clear();
        assertThat(seen.footprint()).isZero();
        assertThat(seen.add("key:1".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void seenKeysTakeTenToFifteenBytesAKeyAtAnySize() {
        SeenKeys seen = new SeenKeys();
        for (int i = 1; i <= 1_000_000; i++) {
            seen.add(("user:session:" + i).getBytes(StandardCharsets.UTF_8));
            if (i % 50_000 == 0) {
                assertThat((double) seen.footprint() / i).as("bytes a key at %,d keys", i).isBetween(10.0, 15.1);
            }
        }
        assertThat(seen.size()).isEqualTo(1_000_000);
    }

    @Test
    void infoKeyspaceListsTheDbsInOrderWithTheirCounts() {
        String info = "# Keyspace\r\ndb5:keys=200,expires=0,avg_ttl=0\r\ndb0:keys=20023,expires=3,avg_ttl=288\r\n"
                + "db12:keys=1,expires=1,avg_ttl=5,subexpiry=0\r\n";
        assertThat(ScanSnapshotter.keyspace(info)).containsExactly(new ScanProducer.Db(0, 20023, 3),
                new ScanProducer.Db(5, 200, 0), new ScanProducer.Db(12, 1, 1));
        assertThat(ScanSnapshotter.keyspace("# Keyspace\r\n")).isEmpty();
    }

    @Test
    void theServersClockAndRdbVersionFromInfoServer() {
        Map<String, String> server = ScanSnapshotter.fields("# Server\r\nredis_version:7.2.4\r\n"
                + "server_time_usec:1700000001000000\r\n");
        assertThat(server).containsEntry("redis_version", "7.2.4");
        assertThat(ScanSnapshotter.clockOffset(server, 1_700_000_000_000L, 1_700_000_000_000L)).isEqualTo(1000);
        assertThat(ScanSnapshotter.clockOffset(Map.of(), 5, 6)).isZero();
        assertThat(List.of("2.8.24", "3.2.1", "4.0.14", "6.2.6", "7.0.15", "7.2.4", "7.4.1", "8.0.2"))
                .map(ScanSnapshotter::rdbVersionOf).containsExactly(6, 7, 8, 9, 10, 11, 12, 12);
    }
}
