package dev.caravan.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The demo's reading of {@code samples/redis-7.0-sample.redis}, redis-cli's quoting. */
class DemoTest {

    @Test
    void splitsOnSpacesAndKeepsQuotedTextWhole() {
        assertThat(Demo.words("SET session:1 \"{\\\"user\\\":\\\"ada\\\"}\" EX 86400"))
                .containsExactly("SET", "session:1", "{\"user\":\"ada\"}", "EX", "86400");
        assertThat(Demo.words("  SET   a  \"two words\"  ")).containsExactly("SET", "a", "two words");
        assertThat(Demo.words("SET empty \"\"")).containsExactly("SET", "empty", "");
        assertThat(Demo.words("   ")).isEmpty();
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> Demo.words("SET a \"open")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unclosed quote");
    }
}
