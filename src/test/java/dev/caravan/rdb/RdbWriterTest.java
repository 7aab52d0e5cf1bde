package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RdbWriterTest {

    static Stream<Arguments> files() {
        return Corpus.files().stream().map(p -> Arguments.of(Corpus.name(p), Corpus.version(Corpus.bytes(p)), p));
    }

    private static List<RdbRecord> dump(byte[] rdb) throws IOException {
        List<RdbRecord> records = new ArrayList<>();
        new RdbParser(new ByteArrayInputStream(rdb)).parse(DumpVisitor.inMemory(
                (e, p) -> records.add(RdbRecord.of(e.db(), e.key(), e.expireAtMs(), p))));
        return records;
    }

    @ParameterizedTest(name = "{0} (RDB {1})")
    @MethodSource("files")
    void dumpedPayloadsRewriteToTheSameValues(String name, int version, Path file) throws IOException {
        byte[] rdb = Corpus.bytes(file);
        List<RdbRecord> records = dump(rdb);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbWriter.writeAll(out, records, Map.of("caravan-test", "1"));
        byte[] rewritten = out.toByteArray();
        assertThat(Values.decodeAll(rewritten)).isEqualTo(Values.decodeAll(rdb));
        RdbSummary summary = new RdbParser(new ByteArrayInputStream(rewritten)).parse(new ValidateVisitor());
        assertThat(summary.checksum()).isEqualTo(RdbSummary.Checksum.VERIFIED);
        assertThat(summary.version()).isGreaterThanOrEqualTo(RdbWriter.DEFAULT_MIN_VERSION);

        // the same payloads streamed from InputStreams of known length
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (RdbWriter w = new RdbWriter(streamed, summary.version())) {
            for (RdbRecord r : records) {
                w.write(RdbRecord.streamed(r.db(), r.key(), r.expireAtMs(),
                        new ByteArrayInputStream(r.payload()), r.payloadLength()));
            }
        }
        assertThat(Values.decodeAll(streamed.toByteArray())).isEqualTo(Values.decodeAll(rdb));
    }

    @Test
    void payloadFooterIsLittleEndianVersionAndCrc() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DumpPayloadOutputStream p = new DumpPayloadOutputStream(buf, RdbType.STRING)) {
            p.write(new byte[] {3, 'f', 'o', 'o'});
        }
        byte[] payload = buf.toByteArray();
        assertThat(payload).startsWith(0, 3, 'f', 'o', 'o', 1, 0);
        long crc = 0;
        for (int i = 7; i >= 0; i--) {
            crc = (crc << 8) | (payload[7 + i] & 0xff);
        }
        assertThat(crc).isEqualTo(Crc64.update(0, payload, 0, 7));
    }

    private static byte[] stringPayload(String value, int version) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DumpPayloadOutputStream p = new DumpPayloadOutputStream(buf, 0, version)) {
            byte[] v = value.getBytes(StandardCharsets.US_ASCII);
            p.write(v.length);
            p.write(v);
        }
        return buf.toByteArray();
    }

    @Test
    void refusesBadPayloads() throws IOException {
        byte[] key = "k".getBytes(StandardCharsets.US_ASCII);
        byte[] good = stringPayload("hello", 9);

        byte[] flipped = good.clone();
        flipped[3] ^= 1;
        assertThatThrownBy(() -> new RdbWriter(new ByteArrayOutputStream(), 9).write(RdbRecord.of(0, key, -1, flipped)))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("key \"k\"").hasMessageContaining("CRC-64");
        assertThatThrownBy(() -> new RdbWriter(new ByteArrayOutputStream(), 9)
                .write(RdbRecord.streamed(0, key, -1, new ByteArrayInputStream(flipped), flipped.length)))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("CRC-64");

        byte[] newer = stringPayload("hello", 11);
        assertThatThrownBy(() -> new RdbWriter(new ByteArrayOutputStream(), 10).write(RdbRecord.of(0, key, -1, newer)))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("needs RDB version 11");
        byte[] redis12 = stringPayload("hello", 12);
        assertThatThrownBy(() -> new RdbWriter(new ByteArrayOutputStream(), 80).write(RdbRecord.of(0, key, -1, redis12)))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("VALKEY RDB 80 file cannot hold");

        byte[] badType = good.clone();
        badType[0] = 8;
        assertThatThrownBy(() -> new RdbWriter(new ByteArrayOutputStream(), 9).write(RdbRecord.of(0, key, -1, badType)))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("found 0x08");
        assertThatThrownBy(() -> new RdbWriter(new ByteArrayOutputStream(), 9).write(RdbRecord.of(0, key, -1, new byte[5])))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("at least 11 bytes");
    }

    @Test
    void writesVersionOneFilesAndValkeyMagic() throws IOException {
        byte[] key = "k".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream v1 = new ByteArrayOutputStream();
        try (RdbWriter w = new RdbWriter(v1, 1)) {
            w.write(RdbRecord.of(3, key, -1, stringPayload("old", 1)));
        }
        assertThat(new String(v1.toByteArray(), 0, 9, StandardCharsets.US_ASCII)).isEqualTo("REDIS0001");
        assertThat(Values.decodeAll(v1.toByteArray())).containsExactly("3 \"k\" string -1 string \"old\"");

        ByteArrayOutputStream valkey = new ByteArrayOutputStream();
        try (RdbWriter w = new RdbWriter(valkey, 80)) {
            w.write(RdbRecord.of(0, key, 1234, stringPayload("new", 9)));
        }
        RdbSummary s = new RdbParser(new ByteArrayInputStream(valkey.toByteArray())).parse(new ValidateVisitor());
        assertThat(s.magic()).isEqualTo("VALKEY");
        assertThat(s.version()).isEqualTo(80);
        assertThat(s.expiringKeys()).isEqualTo(1);
    }
}
