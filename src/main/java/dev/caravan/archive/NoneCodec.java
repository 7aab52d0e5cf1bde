package dev.caravan.archive;

import java.io.InputStream;
import java.io.OutputStream;

/** Stores the RDB as it is: for stores that compress on their own, or for a quick local copy. */
public final class NoneCodec implements Codec {

    public static final String NAME = "none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String extension() {
        return "";
    }

    @Override
    public OutputStream compress(OutputStream sink, String entryName) {
        return sink;
    }

    @Override
    public InputStream decompress(InputStream source) {
        return source;
    }
}
