package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringsTest {

    private static Double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return Strings.parseDouble(b, b.length);
    }

    @Test
    void scoresParseExactlyAsJavaDoes() {
        Random random = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            long mantissa = random.nextLong() % 1_000_000_000_000_000L;
            String digits = Long.toString(Math.abs(mantissa));
            int point = random.nextInt(digits.length() + 1);
            String s = (mantissa < 0 ? "-" : "") + digits.substring(0, point) + "." + digits.substring(point);
            assertThat(parse(s)).as(s).isEqualTo(Double.parseDouble(s));
        }
        assertThat(parse("3.423")).isEqualTo(3.423);
        assertThat(parse("-0")).isEqualTo(-0.0);
        assertThat(parse("1e100")).isEqualTo(1e100);
        assertThat(parse("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(parse("1d")).isNull();
        assertThat(parse("abc")).isNull();
        assertThat(parse(".")).isNull();
        assertThat(parse("-")).isNull();
    }
}
