package dev.caravan.archive;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a {@link Manifest} as {@code manifest.json} (UTF-8, indented, stable field order). */
public final class ManifestWriter {

    private ManifestWriter() {
    }

    public static byte[] toBytes(Manifest manifest) throws IOException {
        return ManifestJson.MAPPER.writeValueAsBytes(manifest);
    }

    /** Writes to {@code out} and leaves it open. */
    public static void write(Manifest manifest, OutputStream out) throws IOException {
        out.write(toBytes(manifest));
    }
}
