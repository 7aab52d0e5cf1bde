package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An S3 object's stream closed before its end aborts the connection instead of reading the rest;
 * one read to its end is closed plainly, so the connection can be reused. The SDK's HTTP
 * connection is the part outside the code under test: its abort is counted here.
 */
class AbortOnEarlyCloseTest {

    private final AtomicInteger aborts = new AtomicInteger();

    private InputStream object(int size) {
        return new AbortOnEarlyClose(new ResponseInputStream<>(GetObjectResponse.builder().build(),
                AbortableInputStream.create(new ByteArrayInputStream(new byte[size]), aborts::incrementAndGet)));
    }

    @Test
    void closedBeforeItsEndItAborts() throws IOException {
        try (InputStream in = object(1000)) {
            assertThat(in.readNBytes(10)).hasSize(10);
        }
        assertThat(aborts).hasValue(1);
    }

    @Test
    void readToItsEndItIsClosedPlainly() throws IOException {
        try (InputStream in = object(1000)) {
            assertThat(in.readAllBytes()).hasSize(1000);
        }
        try (InputStream in = object(3)) {
            while (in.read() >= 0) {
                // byte by byte to the end
            }
        }
        assertThat(aborts).hasValue(0);
    }
}
