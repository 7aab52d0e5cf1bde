package dev.caravan.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisUriTest {

    @Test
    void parsesHostPortAndDb() {
        RedisUri uri = RedisUri.parse("redis://10.0.0.5:6380/2");
        assertThat(uri.tls()).isFalse();
        assertThat(uri.host()).isEqualTo("10.0.0.5");
        assertThat(uri.port()).isEqualTo(6380);
        assertThat(uri.db()).contains(2);
        assertThat(uri.user()).isEmpty();
        assertThat(uri.hasPassword()).isFalse();
        assertThat(uri).hasToString("redis://10.0.0.5:6380/2");
    }

    @Test
    void defaultsPortAndLeavesDbEmpty() {
        RedisUri uri = RedisUri.parse("rediss://redis.example.com");
        assertThat(uri.tls()).isTrue();
        assertThat(uri.port()).isEqualTo(6379);
        assertThat(uri.db()).isEmpty();
        assertThat(RedisUri.parse("redis://h/").db()).isEmpty();
        assertThat(RedisUri.parse("REDIS://h").host()).isEqualTo("h");
    }

    @Test
    void userAndPasswordAreParsedAndRedacted() {
        RedisUri uri = RedisUri.parse("redis://backup:s3cr%40t:x@h:7000");
        assertThat(uri.user()).contains("backup");
        assertThat(uri.passwordCopy()).containsExactly("s3cr@t:x".toCharArray());
        assertThat(uri.redacted()).isEqualTo("redis://backup:***@h:7000").doesNotContain("s3cr");
        assertThat(uri.toString()).isEqualTo(uri.redacted());
    }

    @Test
    void passwordWithoutUser() {
        RedisUri uri = RedisUri.parse("redis://:pw@h");
        assertThat(uri.user()).isEmpty();
        assertThat(uri.passwordCopy()).containsExactly('p', 'w');
        assertThat(uri).hasToString("redis://:***@h:6379");
    }

    @Test
    void passwordMayHoldAtSignsAndSlashes() {
        RedisUri uri = RedisUri.parse("redis://u:a@b/c@h:1/3");
        assertThat(uri.passwordCopy()).containsExactly("a@b/c".toCharArray());
        assertThat(uri.host()).isEqualTo("h");
        assertThat(uri.db()).contains(3);
    }

    @Test
    void ipv6Host() {
        RedisUri uri = RedisUri.parse("redis://[::1]:7001");
        assertThat(uri.host()).isEqualTo("::1");
        assertThat(uri.port()).isEqualTo(7001);
        assertThat(uri).hasToString("redis://[::1]:7001");
    }

    @Test
    void credentialsCanBeAddedFromElsewhere() {
        RedisUri uri = RedisUri.of("h", 1234, false).withCredentials("u", "pw".toCharArray());
        assertThat(uri).hasToString("redis://u:***@h:1234").isEqualTo(RedisUri.parse("redis://u:pw@h:1234"));
    }

    @Test
    void malformedUrisSayWhatIsWrongAndShowTheFormWithoutThePassword() {
        assertInvalid("http://u:hunter2@h", "unsupported scheme ('http')");
        assertInvalid("redis://u:hunter2@h:port", "the port after host 'h' is not a number");
        assertInvalid("redis://u:hunter2@h:70000", "the port of host 'h' is outside 1-65535");
        assertInvalid("redis://u:hunter2/h", "the path must be a database number");
        assertInvalid("redis://u:hunter2", "the port after host 'u' is not a number");
        assertInvalid("redis://h:6379/hunter2", "the path must be a database number");
        assertInvalid("redis://::1:6379", "an IPv6 host must be in brackets");
        assertInvalid("hunter2:x@h", "unsupported scheme (none)");
        assertInvalid("redis://u:hunter2@h/x", "the path must be a database number");
        assertInvalid("redis://u:hunter2@", "no host");
        assertInvalid("redis://hunter2@h", "credentials must be USER:PASSWORD or :PASSWORD");
        assertInvalid("redis://u:hunter2%zz@h", "bad percent-encoding in the password");
        assertInvalid("redis://u:hunter2@[::1", "unclosed '['");
        assertInvalid("", "the URI is empty");
    }

    private static void assertInvalid(String uri, String reason) {
        assertThatThrownBy(() -> RedisUri.parse(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("expected redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]")
                .message().doesNotContain("hunter2");
    }
}
