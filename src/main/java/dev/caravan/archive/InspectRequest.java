package dev.caravan.archive;

import java.io.IOException;
import java.nio.file.Path;

import dev.caravan.archive.InspectReport.KeyInfo;
import dev.caravan.filter.KeyGlob;

/**
 * What to inspect: a snapshot file, how many of its largest keys to name, and optionally a key
 * pattern whose matches are handed to {@code listener} one by one as the file is read (so listing
 * every key of a large snapshot needs no memory).
 */
public record InspectRequest(Path file, int largestKeys, KeyGlob keys, KeyListener listener) {

    /** Receives each key that matches the request's pattern. */
    public interface KeyListener {
        void onKey(KeyInfo key) throws IOException;
    }

    public static InspectRequest summary(Path file, int largestKeys) {
        return new InspectRequest(file, largestKeys, null, null);
    }
}
