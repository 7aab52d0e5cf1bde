package dev.caravan.restore;

import java.util.Locale;

/** What a restore does with keys the target already has. */
public enum RestoreMode {
    /** {@code RESTORE ... REPLACE}: the backup's value wins. */
    REPLACE,
    /** {@code RESTORE} without {@code REPLACE}: a key the target has is kept and counted as skipped. */
    SKIP_EXISTING,
    /** The target's databases in scope are flushed first; only with {@code "confirm": true}. */
    FLUSH_FIRST;

    /** As requests and the CLI spell it: {@code replace}, {@code skip-existing}, {@code flush-first}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static RestoreMode of(String id) {
        for (RestoreMode mode : values()) {
            if (mode.id().equals(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode \"" + id + "\"; use replace, skip-existing or flush-first");
    }
}
