package dev.caravan.restore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import dev.caravan.archive.CatalogEntry;

/**
 * One configured destination as a restore reads it: its catalog and its objects, by the keys of
 * {@link dev.caravan.archive.ArchiveLayout} (relative to the destination's root). Objects are
 * streamed; nothing is read whole into memory.
 */
public interface ArchiveStore {

    /** The destination's configured name. */
    String destination();

    /** The source's complete backups, newest first. */
    List<CatalogEntry> list(String source) throws IOException;

    /**
     * Opens an object for reading; the caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException if there is no such object
     * @throws IOException if the destination cannot be read
     */
    InputStream open(String key) throws IOException;

    /**
     * Makes {@code target} a hard link to the object, where the store is a folder on the file
     * system {@code target} is on: staging then costs no copy (backups are published by rename
     * and never written in place, so the link holds what was published). False, having done
     * nothing, where the store cannot (then the caller copies from {@link #open}).
     *
     * @throws java.nio.file.NoSuchFileException if there is no such object
     */
    default boolean linkTo(String key, Path target) throws IOException {
        return false;
    }
}
