package dev.caravan.rdb;

import java.io.IOException;

/** Decodes every value into memory and hands it over with its entry (for inspect and exports). */
public final class DecodeVisitor implements RdbVisitor {

    /** Receives each decoded key. */
    @FunctionalInterface
    public interface Consumer {
        void accept(RdbEntry entry, DecodedValue value) throws IOException;
    }

    private final Consumer consumer;

    public DecodeVisitor(Consumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public void onEntry(RdbEntry entry, RdbValue value) throws IOException {
        consumer.accept(entry, value.decode());
    }
}
