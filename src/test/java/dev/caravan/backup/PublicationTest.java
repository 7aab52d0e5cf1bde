package dev.caravan.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelExchangeException;
import org.junit.jupiter.api.Test;

import dev.caravan.config.PublishRetry;

class PublicationTest {

    /** A named record: Quarkus indexes test classes, and ArC refuses an anonymous class with constrained methods. */
    private record Retry(int attempts, Duration delay, double multiplier, Duration maxDelay) implements PublishRetry {
    }

    private static final PublishRetry RETRY = new Retry(4, Duration.ofMillis(100), 3, Duration.ofMillis(500));

    private static Publication publication() {
        PublishRequest request = new PublishRequest("offsite", "p/main/20261124T083000Z-7f3a", null, List.of());
        return new Publication(request, "aws2-s3://b", List.of(), "p/main/20261124T083000Z-7f3a/manifest.json",
                new byte[] {'{', '}'}, RETRY, Set.of("hunter2"));
    }

    @Test
    void backsOffExponentiallyUpToTheCapAndStopsAfterTheAttempts() {
        Publication publication = publication();
        long[] waits = new long[4];
        for (int i = 0; i < 4; i++) {
            assertThat(publication.pending()).isTrue();
            waits[i] = publication.backOffMillis();
            publication.startAttempt();
            publication.failed("boom");
        }
        assertThat(waits).containsExactly(0, 100, 300, 500);
        assertThat(publication.pending()).isFalse();
        assertThat(publication.result()).isEqualTo(PublishResult.failed("offsite", 4, "boom (after 4 attempts)"));
    }

    @Test
    void aSuccessEndsTheLoopAndCountsTheBytesAndAttempts() {
        Publication publication = publication();
        publication.startAttempt();
        publication.failed("boom");
        publication.startAttempt();
        publication.succeeded();

        assertThat(publication.pending()).isFalse();
        assertThat(publication.result()).isEqualTo(PublishResult.ok("offsite", 2, 2));
    }

    @Test
    void aReasonNeverHoldsAConfiguredSecret() {
        Publication publication = publication();
        publication.startAttempt();
        publication.failed("login as caravan:hunter2 refused");

        assertThat(publication.result().error()).isEqualTo("login as caravan:*** refused (after 1 attempt)");
    }

    @Test
    void aReasonReadsFromWhatFailedToWhyWithoutCamelsWrappers() {
        Exception failure = new CamelExchangeException("Multicast processing failed for number 0", null,
                new IOException("Cannot connect to sftp://caravan@host:22", new ConnectException("Connection refused")));

        assertThat(Publications.reason(failure)).isEqualTo("Cannot connect to sftp://caravan@host:22: Connection refused");
    }

    @Test
    void anUnknownHostKeySaysWhatToDo() {
        assertThat(Publications.reason(new IOException("reject HostKey: example.org")))
                .startsWith("reject HostKey: example.org (the server's host key is not in the configured known_hosts");
    }
}
