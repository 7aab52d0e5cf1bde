package dev.caravan.rdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BiConsumer;

/**
 * Produces, for every key, its RESTORE-ready DUMP payload straight from the raw bytes in the
 * file (validated, never decoded): the subclass supplies a sink per entry, the payload streams
 * into it, and {@link #payloadDone} reports its size. Heap use does not depend on value size.
 */
public abstract class DumpVisitor implements RdbVisitor {

    /** The stream that receives this entry's whole payload; it is not closed by the visitor. */
    protected abstract OutputStream payloadSink(RdbEntry entry) throws IOException;

    /** Called after the payload of {@code entry} was written completely. */
    protected void payloadDone(RdbEntry entry, long payloadSize) throws IOException {
    }

    @Override
    public final void onEntry(RdbEntry entry, RdbValue value) throws IOException {
        DumpPayloadOutputStream payload = new DumpPayloadOutputStream(payloadSink(entry), entry.type());
        value.copyRaw(payload);
        payload.close();
        payloadDone(entry, payload.size());
    }

    /** Convenience for small data and tests: hands each payload over as an array. */
    public static DumpVisitor inMemory(BiConsumer<RdbEntry, byte[]> consumer) {
        return new DumpVisitor() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

            @Override
            protected OutputStream payloadSink(RdbEntry entry) {
                buffer.reset();
                return buffer;
            }

            @Override
            protected void payloadDone(RdbEntry entry, long payloadSize) {
                consumer.accept(entry, buffer.toByteArray());
            }
        };
    }
}
