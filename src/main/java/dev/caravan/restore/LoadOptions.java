package dev.caravan.restore;

import java.util.Objects;

/**
 * How {@link RedisLoader} loads: the {@link RestoreMode}, a dry run (parse, filter and count, write
 * nothing), the RESTORE commands in flight at most ({@code caravan.restore.window}) and the filter.
 * For {@link RestoreMode#FLUSH_FIRST} the caller has already checked the request's confirmation.
 */
public record LoadOptions(RestoreMode mode, boolean dryRun, int window, RestoreFilter filter) {

    public static final int DEFAULT_WINDOW = 512;

    public LoadOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(filter, "filter");
        if (window < 1 || window > 100_000) {
            throw new IllegalArgumentException("the window (RESTORE commands in flight) must be 1-100000, got " + window);
        }
    }

    /** Replace, every key, default window. */
    public static LoadOptions defaults() {
        return new LoadOptions(RestoreMode.REPLACE, false, DEFAULT_WINDOW, RestoreFilter.all());
    }

    public LoadOptions withMode(RestoreMode m) {
        return new LoadOptions(m, dryRun, window, filter);
    }

    public LoadOptions withDryRun(boolean d) {
        return new LoadOptions(mode, d, window, filter);
    }

    public LoadOptions withWindow(int w) {
        return new LoadOptions(mode, dryRun, w, filter);
    }

    public LoadOptions withFilter(RestoreFilter f) {
        return new LoadOptions(mode, dryRun, window, f);
    }
}
