package dev.caravan.restore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Restores to an RDB file instead of a server: the keys a filter takes, from one backup or from
 * several merged (a key in a later backup wins over the same key, in the same target database, in
 * an earlier one). The file is written under a temporary name, synced and renamed into place, so
 * {@code out} is either the whole result or untouched.
 */
public final class RdbFileTarget {

    /** Opens a decompressed, verified RDB stream; called once or twice per source. */
    @FunctionalInterface
    public interface RdbSource {
        InputStream open() throws IOException;
    }

    private RdbFileTarget() {
    }

    /**
     * Writes {@code out} from {@code inMergeOrder} (earliest first), taking what {@code filter}
     * takes, into the databases it maps to; keys already expired are left out and counted.
     */
    public static LoadReport write(List<RdbSource> inMergeOrder, Path out, RestoreFilter filter, LoadCounters counters)
            throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
