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

    @Test
    void aScoreIsValidExactlyWhenItParses() {
        Random random = new Random(2);
        String alphabet = "0123456789.-+eEinfaINFxd ";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(i % 100 == 0 ? 140 : 24);
            for (int c = 0; c < length; c++) {
                // mostly digits and points, the common case the check decides without parsing
                s.append(random.nextInt(4) > 0 ? alphabet.charAt(random.nextInt(11)) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            byte[] b = s.toString().getBytes(StandardCharsets.US_ASCII);
            assertThat(Strings.isScore(b, b.length)).as("\"%s\"", s).isEqualTo(Strings.parseDouble(b, b.length) != null);
        }
        for (String valid : new String[] {"0", "-0", "1.", ".5", "-.5", "12345678901234567890.123456789", "1e5", "inf", "-inf", "nan"}) {
            byte[] b = valid.getBytes(StandardCharsets.US_ASCII);
            assertThat(Strings.isScore(b, b.length)).as(valid).isTrue();
        }
        for (String invalid : new String[] {"", ".", "-", "1..2", "--1", "1-", "1d", "abc", "1 "}) {
            byte[] b = invalid.getBytes(StandardCharsets.US_ASCII);
            assertThat(Strings.isScore(b, b.length)).as(invalid).isFalse();
        }
    }
}
