package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Garbage and absurd declared sizes end quickly in RdbFormatException: no OOM, no other exception. */
class RobustnessTest {

    private static final int[] TYPES = {0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        24, 25, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE};

    @ParameterizedTest
    @ValueSource(strings = {"REDIS0003", "REDIS0009", "REDIS0012", "VALKEY080"})
    void randomGarbageAfterAValidHeader(String header) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Random random = new Random(header.hashCode());
            for (int i = 0; i < 3000; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(header.getBytes(StandardCharsets.US_ASCII));
                if (random.nextBoolean()) {
                    // a plausible start: a type or opcode byte, then a short key
                    out.write(TYPES[random.nextInt(TYPES.length)]);
                    out.write(new byte[] {2, 'k', 'k'});
                }
                byte[] garbage = new byte[1 + random.nextInt(600)];
                random.nextBytes(garbage);
                out.write(garbage);
                byte[] rdb = out.toByteArray();
                assertThatThrownBy(() -> CorruptionTest.parseAllModes(rdb)).isInstanceOf(RdbFormatException.class);
            }
        });
    }

    private static byte[] rdb(int... bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("REDIS0012".getBytes(StandardCharsets.US_ASCII));
        for (int b : bytes) {
            out.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void hugeDeclaredLengthsInATinyFile() {
        int[][] cases = {
            {0, 0x81, 0x40, 0, 0, 0, 0, 0, 0, 0}, // key of 2^62 bytes
            {0, 1, 'k', 0x80, 0x7f, 0xff, 0xff, 0xff, 'a', 'b'}, // 2 GiB string value
            {0, 1, 'k', 0x80, 0x7f, 0xff, 0xff, 0xf0, 'a', 'b'}, // just under 2 GiB
            {0, 1, 'k', 0xC3, 0x05, 0x81, 0, 0, 0x10, 0, 0, 0, 0, 0, 1, 'a', 'b', 0xE0, 0xff, 0}, // LZF declaring 2^44
            {1, 1, 'k', 0x81, 0, 0, 0x10, 0, 0, 0, 0, 0, 1, 'a'}, // list of 2^44 elements
            {16, 1, 'k', 0x80, 0x7f, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff}, // listpack of 2 GiB
            {16, 1, 'k', 13, 13, 0, 0, 0, 2, 0, 0xF0, 0xff, 0xff, 0xff, 0x7f, 0, 0xff}, // listpack entry of 2 GiB
            {10, 1, 'k', 16, 16, 0, 0, 0, 10, 0, 0, 0, 1, 0, 0, 0x80, 0x7f, 0xff, 0xff, 0xff, 0xff}, // ziplist entry of 2 GiB
            {11, 1, 'k', 12, 8, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4}, // intset of 2^32 elements
            {9, 1, 'k', 0x80, 0xff, 0xff, 0xff, 0xff, 1, 254, 0xff, 0xff, 0xff, 0xf0, 'a'}, // zipmap key of ~4 GiB
            // a 2 GiB listpack blob declaring one 2^31-20 byte string entry
            {16, 1, 'k', 0x80, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 0, 0xF0, 0xeb, 0xff, 0xff, 0x7f, 'a'},
            {21, 1, 'k', 0, 1, 0, 0, 0, 0, 0x81, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, // stream, 2^63 groups
            {7, 1, 'k', 0x81, 0, 0, 0, 0, 0, 0, 0, 1, 5, 0x80, 0x7f, 0xff, 0xff, 0xff, 'x'}, // module string of 2 GiB
            {0xFA, 0x80, 0x7f, 0xff, 0xff, 0xff, 'a'}, // aux key of 2 GiB
            {0xFE, 0x81, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, // db number 2^63
        };
        for (int[] c : cases) {
            byte[] rdb = rdb(c);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> CorruptionTest.parseAllModes(rdb))
                    .isInstanceOf(RdbFormatException.class)
                    .satisfies(e -> assertThat(e.getMessage()).startsWith("offset ")));
        }
    }

    @Test
    void errorsNameOffsetDbKeyAndExpectation() {
        // hash listpack whose end byte is wrong
        byte[] rdb = rdb(0xFE, 0, 16, 6, 'u', 's', 'e', 'r', ':', '1', 7, 7, 0, 0, 0, 0, 0, 0x12);
        assertThatThrownBy(() -> CorruptionTest.parseAllModes(rdb))
                .isInstanceOf(RdbFormatException.class)
                .hasMessage("offset 26 in db 0, key \"user:1\": expected listpack end byte 0xFF, found 0x12"
                        + " (at byte 6 of the 7-byte listpack)");
        byte[] unknown = rdb(0xFE, 0, 8, 1, 'k');
        assertThatThrownBy(() -> CorruptionTest.parseAllModes(unknown))
                .hasMessage("offset 11 in db 0: expected a value type or opcode, found unknown byte 0x08 (RDB 12)");
        assertThatThrownBy(() -> CorruptionTest.parseAllModes("REDIS0013".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("unsupported RDB version 13");
        assertThatThrownBy(() -> CorruptionTest.parseAllModes(rdb(6, 1, 'k', 0)))
                .hasMessageContaining("module value type 6");
        assertThatThrownBy(() -> CorruptionTest.parseAllModes(rdb(0xF6, 1, 'f')))
                .hasMessage("offset 9: found a Redis 7.0 release-candidate function record (opcode 0xF6);"
                        + " redis-server refuses this pre-release format, expected FUNCTION2 (0xF5)");
    }
}
