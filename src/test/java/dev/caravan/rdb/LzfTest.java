package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * LZF strings written instruction by instruction, so every copy the decoder has (literal runs of
 * 1 to 32 bytes, back-references of 3 to 264 bytes at distances 1 to 8192, overlapping or not,
 * across the 64 KiB ring's wrap and the input buffer's refills) and every error it reports are
 * reached, through both ways a string is read: decoded (each byte produced) and validated
 * (counted without producing them).
 */
class LzfTest {

    /** Random well-formed LZF streams: decoded they equal a byte-by-byte reference decoder's output. */
    @Test
    void decodesWhatAByteByByteDecoderDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 300; round++) {
            int instructions = 1 + random.nextInt(round < 250 ? 60 : round < 290 ? 6000 : 40000);
            byte[] lzf = randomStream(random, instructions);
            byte[] expected = reference(lzf);
            byte[] rdb = rdbWithString(lzf, expected.length);
            assertThat(decoded(rdb)).as("round %d", round).isEqualTo(expected);
            assertThat(new RdbParser(new ByteArrayInputStream(rdb)).parse(new ValidateVisitor()).keys()).isEqualTo(1);
        }
    }

    @Test
    void refusesABackReferenceBeforeTheStart() {
        byte[] lzf = {2, 'a', 'b', 'c', (byte) 0x20, 5}; // 3 literals, then 3 bytes from 6 back
        assertRefusedBothWays(rdbWithString(lzf, 6), "LZF back-reference 6 bytes back, only 3 decoded");
    }

    @Test
    void refusesDataShorterThanDeclared() {
        byte[] lzf = {2, 'a', 'b', 'c', (byte) 0x20, 0};
        assertRefusedBothWays(rdbWithString(lzf, 7), "LZF data decompresses to 6 bytes, declared 7");
    }

    @Test
    void refusesDataLongerThanDeclared() {
        byte[] lzf = {2, 'a', 'b', 'c', (byte) 0x20, 0};
        assertRefusedBothWays(rdbWithString(lzf, 5), "past the declared length 5");
    }

    @Test
    void refusesAnInstructionCutByTheCompressedLength() {
        byte[] lzf = {2, 'a', 'b', 'c', (byte) 0xE0};
        assertRefusedBothWays(rdbWithString(lzf, 20), "LZF data ends in the middle of an instruction");
        byte[] literal = {2, 'a', 'b', 'c', 4, 'd'};
        assertRefusedBothWays(rdbWithString(literal, 8), "LZF literal run of 5 bytes, only 1 compressed bytes left");
    }

    private static void assertRefusedBothWays(byte[] rdb, String message) {
        assertThatThrownBy(() -> decoded(rdb)).isInstanceOf(RdbFormatException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> new RdbParser(new ByteArrayInputStream(rdb)).parse(new ValidateVisitor()))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining(message);
    }

    private static byte[] decoded(byte[] rdb) throws IOException {
        List<byte[]> values = new ArrayList<>();
        new RdbParser(new ByteArrayInputStream(rdb)).parse(new DecodeVisitor(
                (entry, value) -> values.add(((DecodedValue.StringValue) value).value())));
        return values.get(0);
    }

    private static byte[] randomStream(SplittableRandom random, int instructions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long produced = 0;
        for (int i = 0; i < instructions; i++) {
            if (produced == 0 || random.nextInt(3) == 0) {
                int run = 1 + random.nextInt(32);
                out.write(run - 1);
                for (int k = 0; k < run; k++) {
                    out.write('a' + random.nextInt(26));
                }
                produced += run;
            } else {
                int len = random.nextInt(4) == 0 ? 3 + random.nextInt(262) : 3 + random.nextInt(14);
                int distance = 1 + (int) Math.min(produced - 1, random.nextInt(4) == 0
                        ? random.nextInt(8192) : random.nextInt(24));
                int code = len - 2;
                int d = distance - 1;
                if (code < 7) {
                    out.write(code << 5 | d >>> 8);
                } else {
                    out.write(7 << 5 | d >>> 8);
                    out.write(code - 7);
                }
                out.write(d & 0xff);
                produced += len;
            }
        }
        return out.toByteArray();
    }

    /** LZF as redis/redis src/lzf_d.c decodes it, one byte at a time. */
    private static byte[] reference(byte[] lzf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Byte> produced = new ArrayList<>();
        int p = 0;
        while (p < lzf.length) {
            int ctrl = lzf[p++] & 0xff;
            if (ctrl < 32) {
                for (int k = 0; k <= ctrl; k++) {
                    produced.add(lzf[p++]);
                }
            } else {
                int len = ctrl >>> 5;
                if (len == 7) {
                    len += lzf[p++] & 0xff;
                }
                int from = produced.size() - ((ctrl & 0x1f) << 8) - (lzf[p++] & 0xff) - 1;
                for (int k = 0; k < len + 2; k++) {
                    produced.add(produced.get(from + k));
                }
            }
        }
        produced.forEach(b -> out.write(b));
        return out.toByteArray();
    }

    /** An RDB 10 with one string key whose value is {@code lzf}, declared to decompress to {@code length}. */
    private static byte[] rdbWithString(byte[] lzf, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("REDIS0010".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(0xFE);
        out.write(0);
        out.write(0); // string
        out.write(1);
        out.write('k');
        out.write(0xC3);
        writeLength(out, lzf.length);
        writeLength(out, length);
        out.writeBytes(lzf);
        out.write(0xFF);
        long crc = Crc64.of(out.toByteArray());
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)));
        }
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, long n) {
        out.write(0x80);
        for (int i = 3; i >= 0; i--) {
            out.write((int) (n >>> (8 * i)));
        }
    }
}
