package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The sizes the checker reads ahead by, and its faults, which must read as the inline check's. */
class ValueCheckerTest {

    private static RdbInput input(byte[] bytes) {
        return new RdbInput(new ByteArrayInputStream(bytes));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void storedSizeReadsEveryLengthFormWithoutConsumingIt() throws IOException {
        RdbInput six = input(concat(new byte[] {0x05}, new byte[5]));
        assertThat(ValueChecker.storedSize(RdbType.SET_LISTPACK, six)).isEqualTo(6);
        assertThat(six.offset()).isZero();

        RdbInput fourteen = input(concat(new byte[] {0x41, 0x00}, new byte[256]));
        assertThat(ValueChecker.storedSize(RdbType.SET_LISTPACK, fourteen)).isEqualTo(258);

        RdbInput thirtyTwo = input(concat(new byte[] {(byte) 0x80, 0, 1, 0, 0}, new byte[65536]));
        assertThat(ValueChecker.storedSize(RdbType.HASH_ZIPLIST, thirtyTwo)).isEqualTo(5 + 65536);

        // LZF: the mark, the compressed length (3), the decompressed length (10), 3 stored bytes
        RdbInput lzf = input(new byte[] {(byte) 0xC3, 0x03, 0x0A, 1, 2, 3});
        assertThat(ValueChecker.storedSize(RdbType.STRING, lzf)).isEqualTo(6);

        // a listpack hash with field expiries starts with its 8-byte minimum expiry
        RdbInput ex = input(concat(new byte[8], new byte[] {0x02, 9, 9}));
        assertThat(ValueChecker.storedSize(RdbType.HASH_LISTPACK_EX, ex)).isEqualTo(11);
    }

    @Test
    void whatIsNotAStoredBlobIsLeftToTheInlineCheck() throws IOException {
        assertThat(ValueChecker.storedSize(RdbType.STRING, input(new byte[] {0x03, 'a', 'b', 'c'})))
                .as("a raw string has nothing to check but its length").isEqualTo(-1);
        assertThat(ValueChecker.storedSize(RdbType.SET_INTSET, input(new byte[] {(byte) 0xC0, 7})))
                .as("an integer-encoded blob is a fault the inline check names").isEqualTo(-1);
        assertThat(ValueChecker.storedSize(RdbType.SET_LISTPACK, input(new byte[] {(byte) 0x80, 0, 1})))
                .as("a length cut short").isEqualTo(-1);
        assertThat(ValueChecker.storedSize(RdbType.SET_LISTPACK, input(new byte[0]))).isEqualTo(-1);
    }

    @Test
    void aFaultFoundOnTheCheckersThreadNamesTheKeyAndTheOffsetAsTheInlineCheckDoes() throws IOException {
        // an intset blob of 8 bytes whose encoding (3) is invalid, at offset 100 of key "k" in db 2
        byte[] value = {0x08, 3, 0, 0, 0, 1, 0, 0, 0};
        RdbInput inline = new RdbInput(new ByteArrayInputStream(value));
        inline.restart(100);
        inline.db = 2;
        inline.key = "k".getBytes();
        RdbFormatException expected = null;
        try {
            new ValueReader(inline).read(RdbType.SET_INTSET, false);
        } catch (RdbFormatException e) {
            expected = e;
        }
        assertThat(expected).isNotNull();

        RdbInput parsed = new RdbInput(new ByteArrayInputStream(value));
        parsed.restart(100);
        parsed.db = 2;
        parsed.key = "k".getBytes();
        try (ValueChecker checker = new ValueChecker()) {
            assertThat(checker.offer(RdbType.SET_INTSET, parsed)).isTrue();
            assertThat(parsed.offset()).isEqualTo(100 + value.length);
            assertThatThrownBy(checker::finish).isInstanceOf(RdbFormatException.class)
                    .hasMessage(expected.getMessage());
        }
    }
}
