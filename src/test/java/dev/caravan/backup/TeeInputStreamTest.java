package dev.caravan.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TeeInputStreamTest {

    @Test
    void everyByteReadSkippedOrLeftOverReachesTheSinkOnceInOrder() throws IOException {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        TeeInputStream tee = new TeeInputStream(new ByteArrayInputStream(data), sink);

        assertThat(tee.read()).isEqualTo(data[0] & 0xff);
        assertThat(tee.read(new byte[1000], 10, 500)).isEqualTo(500);
        assertThat(tee.skip(100_000)).isEqualTo(100_000);
        tee.mark(10);
        assertThat(tee.markSupported()).isFalse();
        assertThat(tee.drain()).isEqualTo(data.length - 1 - 500 - 100_000);
        assertThat(tee.read()).isEqualTo(-1);

        assertThat(sink.toByteArray()).isEqualTo(data);
    }
}
