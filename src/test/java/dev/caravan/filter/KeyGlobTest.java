package dev.caravan.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.caravan.testing.RedisServerFixture;
import dev.caravan.testing.RespConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyGlobTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "*|anything|true",
        "user:*|user:1|true",
        "user:*|users:1|false",
        "h?llo|hello|true",
        "h?llo|hllo|false",
        "h[ae]llo|hallo|true",
        "h[ae]llo|hillo|false",
        "h[^e]llo|hallo|true",
        "h[^e]llo|hello|false",
        "h[a-c]llo|hbllo|true",
        "h[c-a]llo|hbllo|true",
        "h[a-c]llo|hdllo|false",
        "a\\*b|a*b|true",
        "a\\*b|axb|false",
        "*:*:*|a:b:c|true",
        "*:*:*|a:b|false",
        "**x|abx|true",
        "abc|abcd|false",
    })
    void matchesLikeRedis(String pattern, String key, boolean expected) {
        assertThat(KeyGlob.of(pattern).matches(key.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @Test
    void anEmptyPatternIsRefusedWithAHint() {
        assertThatThrownBy(() -> KeyGlob.of("")).hasMessageContaining("use *");
    }

    /** The oracle is Redis itself: KEYS with the same pattern over the same keys. */
    @Test
    void agreesWithRedisKeysOnRandomPatterns() {
        Random random = new Random(7);
        String alphabet = "ab:[]^-*?\\";
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add(randomString(random, "ab:-^", 1 + random.nextInt(6)));
        }
        try (RedisServerFixture server = RedisServerFixture.start(); RespConnection c = server.connect()) {
            for (String key : keys) {
                c.queue("SET", key, "1");
            }
            c.flush();
            for (int i = 0; i < keys.size(); i++) {
                c.read();
            }
            for (int i = 0; i < 2000; i++) {
                String pattern = randomString(random, alphabet, 1 + random.nextInt(6));
                @SuppressWarnings("unchecked")
                List<byte[]> fromRedis = (List<byte[]>) c.call("KEYS", pattern);
                List<String> expected = fromRedis.stream().map(b -> new String(b, StandardCharsets.UTF_8)).sorted().toList();
                KeyGlob glob = KeyGlob.of(pattern);
                List<String> ours = keys.stream().distinct()
                        .filter(k -> glob.matches(k.getBytes(StandardCharsets.UTF_8))).sorted().toList();
                assertThat(ours).as("pattern %s", pattern).isEqualTo(expected);
            }
        }
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
