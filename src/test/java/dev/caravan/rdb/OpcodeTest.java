package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Opcodes the corpus lacks, in a hand-assembled file: SLOT_INFO, EXPIRETIME in seconds, IDLE, FREQ. */
class OpcodeTest {

    @Test
    void everyOpcodeReachesTheVisitor() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("REDIS0011".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) 0xFA, 1, 'a', 1, 'b'}); // AUX a=b
        out.writeBytes(new byte[] {(byte) 0xF4, 0x40 | 0x3f, (byte) 0xff, 2, 1}); // SLOT_INFO 16383, 2 keys, 1 expiring
        out.writeBytes(new byte[] {(byte) 0xFE, 5, (byte) 0xFB, 2, 1}); // SELECTDB 5, RESIZEDB 2 1
        out.writeBytes(new byte[] {(byte) 0xFD, 0x10, 0, 0, 0, (byte) 0xF8, 7, 0, 1, 'x', (byte) 0xC0, 42}); // EXPIRETIME 16 s, IDLE 7
        out.writeBytes(new byte[] {(byte) 0xF9, 9, 0, 1, 'y', 0}); // FREQ 9, y=""
        out.write(0xFF);
        long crc = Crc64.of(out.toByteArray());
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)) & 0xff);
        }

        List<String> events = new ArrayList<>();
        RdbSummary summary = new RdbParser(new ByteArrayInputStream(out.toByteArray())).parse(new RdbVisitor() {
            @Override
            public void onHeader(String magic, int version) {
                events.add("header " + magic + " " + version);
            }

            @Override
            public void onAux(byte[] key, byte[] value) {
                events.add("aux " + new String(key, StandardCharsets.US_ASCII) + "=" + new String(value, StandardCharsets.US_ASCII));
            }

            @Override
            public void onSlotInfo(long slot, long size, long expiresSize) {
                events.add("slot " + slot + " " + size + " " + expiresSize);
            }

            @Override
            public void onSelectDb(int db) {
                events.add("select " + db);
            }

            @Override
            public void onResizeDb(long size, long expires) {
                events.add("resize " + size + " " + expires);
            }

            @Override
            public void onEntry(RdbEntry e, RdbValue v) throws IOException {
                events.add("key " + e.printableKey() + " db=" + e.db() + " expire=" + e.expireAtMs() + " idle=" + e.idle()
                        + " freq=" + e.freq() + " " + Values.describe(v.decode()));
            }

            @Override
            public void onEnd(RdbSummary s) {
                events.add("end " + s.checksum());
            }
        });
        assertThat(events).containsExactly("header REDIS 11", "aux a=b", "slot 16383 2 1", "select 5", "resize 2 1",
                "key \"x\" db=5 expire=16000 idle=7 freq=-1 string \"42\"",
                "key \"y\" db=5 expire=-1 idle=-1 freq=9 string \"\"", "end VERIFIED");
        assertThat(summary.keys()).isEqualTo(2);
        assertThat(summary.expiringKeys()).isEqualTo(1);
    }
}
