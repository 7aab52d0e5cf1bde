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
        assertThat(ValueChecker.storedSize(RdbType.SET_LISTPACK, six, new long[1])).isEqualTo(6);
        assertThat(six.offset()).isZero();

        RdbInput fourteen = input(concat(new byte[] {0x41, 0x00}, new byte[256]));
        assertThat(ValueChecker.storedSize(RdbType.SET_LISTPACK, fourteen, new long[1])).isEqualTo(258);

        RdbInput thirtyTwo = input(concat(new byte[] {(byte) 0x80, 0, 1, 0, 0}, new byte[65536]));
        assertThat(ValueChecker.storedSize(RdbType.HASH_ZIPLIST, thirtyTwo, new long[1])).isEqualTo(5 + 65536);

        // LZF: the mark, the compressed length (3), the decompressed length (10), 3 stored bytes
        RdbInput lzf = input(new byte[] {(byte) 0xC3, 0x03, 0x0A, 1, 2, 3});
        assertThat(ValueChecker.storedSize(RdbType.STRING, lzf, new long[1])).isEqualTo(6);

        // a listpack hash with field expiries starts with its 8-byte minimum expiry
        RdbInput ex = input(concat(new byte[8], new byte[] {0x02, 9, 9}));
        assertThat(ValueChecker.storedSize(RdbType.HASH_LISTPACK_EX, ex, new long[1])).isEqualTo(11);
    }

    @Test
    void whatIsNotAStoredBlobIsLeftToTheInlineCheck() throws IOException {
        assertThat(ValueChecker.storedSize(RdbType.STRING, input(new byte[] {0x03, 'a', 'b', 'c'}), new long[1]))
                .as("a raw string has nothing to check but its length").isEqualTo(-1);
        assertThat(ValueChecker.storedSize(RdbType.SET_INTSET, input(new byte[] {(byte) 0xC0, 7}), new long[1]))
                .as("an integer-encoded blob is a fault the inline check names").isEqualTo(-1);
        assertThat(ValueChecker.storedSize(RdbType.SET_LISTPACK, input(new byte[] {(byte) 0x80, 0, 1}), new long[1]))
                .as("a length cut short").isEqualTo(-1);
        assertThat(ValueChecker.storedSize(RdbType.SET_LISTPACK, input(new byte[0]), new long[1])).isEqualTo(-1);
    }

    @Test
    void aFaultFoundOnTheCheckersThreadNamesTheKeyAndTheOffsetAsTheInlineCheckDoes() throws IOException {
        // an intset blob of 8 bytes whose encoding (3) is invalid, at offset 100 of key "k" in db 2
        byte[] value = {0x08, 3, 0, 0, 0, 1, 0, 0, 0};
        RdbInput inline = new RdbInput(value);
        inline.over(0, value.length, 100);
        inline.db = 2;
        inline.key = "k".getBytes();
        RdbFormatException expected = null;
        try {
            new ValueReader(inline).read(RdbType.SET_INTSET, false);
        } catch (RdbFormatException e) {
            expected = e;
        }
        assertThat(expected).isNotNull();

        RdbInput parsed = new RdbInput(value);
        parsed.over(0, value.length, 100);
        parsed.db = 2;
        parsed.key = "k".getBytes();
        try (ValueChecker checker = new ValueChecker()) {
            assertThat(checker.offer(RdbType.SET_INTSET, parsed)).isTrue();
            assertThat(parsed.offset()).isEqualTo(100 + value.length);
            assertThatThrownBy(checker::finish).isInstanceOf(RdbFormatException.class)
                    .hasMessage(expected.getMessage());
        }
    }

    /** A listpack set of {@code entries} 7-bit integers starting at {@code first}, as a stored string (32-bit length). */
    private static byte[] listpackSet(int entries, int first) {
        int total = 4 + 2 + entries * 2 + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x80, (byte) (total >>> 24), (byte) (total >>> 16), (byte) (total >>> 8), (byte) total});
        out.writeBytes(new byte[] {(byte) total, (byte) (total >>> 8), (byte) (total >>> 16), (byte) (total >>> 24),
            (byte) entries, (byte) (entries >>> 8)});
        for (int i = 0; i < entries; i++) {
            out.writeBytes(new byte[] {(byte) ((first + i) % 128), 1}); // the integer and its backlen
        }
        out.write(0xFF);
        return out.toByteArray();
    }

    @Test
    void valuesGoRoundTheRingManyTimesAndAFaultAfterTheLastWrapStillNamesItsOffset() throws IOException {
        // Sets of varying sizes, three times round the ring (so each wrap skips a short end of a
        // different length, and bytes overwritten before their check would break a set's framing),
        // then the intset of the test above with its invalid encoding.
        ByteArrayOutputStream rdb = new ByteArrayOutputStream();
        int count = 0;
        while (rdb.size() < 3 * ValueChecker.BUDGET) {
            rdb.writeBytes(listpackSet(3000 + (count % 7) * 700, count));
            count++;
        }
        long badAt = rdb.size();
        rdb.writeBytes(new byte[] {0x08, 3, 0, 0, 0, 1, 0, 0, 0});
        RdbInput parsed = input(rdb.toByteArray());
        parsed.db = 0;
        parsed.key = "k".getBytes();
        ValueReader inline = new ValueReader(parsed);
        int offered = 0;
        try (ValueChecker checker = new ValueChecker()) {
            for (int i = 0; i < count; i++) {
                if (checker.offer(RdbType.SET_LISTPACK, parsed)) {
                    offered++;
                } else {
                    inline.read(RdbType.SET_LISTPACK, false); // no room in the ring: checked here
                }
            }
            assertThat(parsed.offset()).isEqualTo(badAt);
            if (checker.offer(RdbType.SET_INTSET, parsed)) {
                assertThatThrownBy(checker::finish).isInstanceOfSatisfying(RdbFormatException.class, e -> {
                    assertThat(e.offset()).isBetween(badAt, badAt + 9);
                    assertThat(e).hasMessageContaining(" in db 0, key \"k\": ");
                });
            } else {
                assertThatThrownBy(() -> inline.read(RdbType.SET_INTSET, false))
                        .isInstanceOfSatisfying(RdbFormatException.class, e -> assertThat(e.offset()).isBetween(badAt, badAt + 9));
                checker.finish(); // every set was valid
            }
        }
        assertThat(offered).as("most sets went to the checker, round the ring").isGreaterThan(count / 2);
    }
}
