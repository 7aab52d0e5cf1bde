package dev.caravan.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures of Lettuce's connect the scan tells apart (the rest against real servers: ScanSnapshotterTest). */
class ScanErrorsTest {

    @Test
    void aHandshakeWhoseReasonLettuceLostIsToldApart() {
        // As CI saw it: the channel's set-up failed after the login was answered with an error.
        assertThat(ScanErrors.handshakeLost(new RedisConnectionException("Unable to connect to 127.0.0.1:41937",
                new IllegalStateException("RedisHandshakeHandler not registered")))).isTrue();
        assertThat(ScanErrors.handshakeLost(new RedisConnectionException("Unable to connect to 127.0.0.1:41937",
                new java.net.ConnectException("Connection refused")))).isFalse();
        assertThat(ScanErrors.handshakeLost(new IllegalStateException("something else"))).isFalse();
    }

    @Test
    void aPasswordTheServerDoesNotNeedIsToldApart() {
        RedisConnectionException unneeded = new RedisConnectionException("Unable to connect",
                new RedisCommandExecutionException("ERR AUTH <password> called without any password configured"
                        + " for the default user. Are you sure your configuration is correct?"));

        assertThat(ScanErrors.noPasswordConfigured(unneeded)).isTrue();
        assertThat(ScanErrors.noPasswordConfigured(new RedisConnectionException("Unable to connect",
                new RedisCommandExecutionException("WRONGPASS invalid username-password pair")))).isFalse();
    }
}
