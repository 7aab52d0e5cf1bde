package dev.caravan.rdb;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The value of the current entry, offered to {@link RdbVisitor#onEntry}. Call at most ONE of
 * these; if none is called the parser skips (validates) the value.
 */
public interface RdbValue {

    /** Validates the value without building it; returns its serialized size in bytes. */
    long skip() throws IOException;

    /** Validates the value and copies its raw serialized bytes to {@code sink}; returns their count. */
    long copyRaw(OutputStream sink) throws IOException;

    /** Decodes the value into memory (for inspection and exports). */
    DecodedValue decode() throws IOException;
}
