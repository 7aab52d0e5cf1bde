package dev.caravan.restore;

import dev.caravan.rdb.Printable;
import dev.caravan.redis.RedisConnection;
import dev.caravan.restore.RestoreCommands.Pending;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the replies of a load, each against the command it answers ({@link Pending}).
 * {@code BUSYKEY} is a key the target has (skip-existing); a payload the target cannot read
 * ({@code Bad data format}, {@code DUMP payload version or checksum are wrong}, an unknown module
 * type) fails that key, which is counted and named in the report; any other error (out of memory,
 * read-only replica, cluster redirection, lost permissions) stops the load with
 * {@link RestoreRefusedException.Reason#TARGET_FAILED}, since every following key would fail too.
 * Written by the thread that reads replies, read by the one that sends.
 */
final class ReplyAccounting {

    /** Failed keys named in the report at most. */
    static final int MAX_FAILURES_LISTED = 10;

    private final String target;
    private final LoadCounters counters;
    private final List<String> failures = new ArrayList<>();
    private volatile long functionsLoaded;
    private volatile RestoreRefusedException failure;

    ReplyAccounting(String target, LoadCounters counters) {
        this.target = target;
        this.counters = counters;
    }

    /** Counts {@code reply} as the answer to {@code what}; after a failure that stopped the load, nothing more counts. */
    void account(Pending what, RedisConnection.Reply reply) {
        if (failure != null) {
            return;
        }
        if (what == RestoreCommands.SELECTED) {
            if (reply.isError()) {
                stop("SELECT refused: " + reply.line(), null);
            }
        } else if (what == RestoreCommands.FUNCTION_LOADED) {
            if (!reply.isError()) {
                functionsLoaded++;
            } else if (!reply.line().contains("already exists")) {
                fail("function library: " + reply.line());
            }
        } else if (!reply.isError()) {
            counters.restored(what.db());
        } else if (reply.line().startsWith("BUSYKEY")) {
            counters.skippedExisting(what.db());
        } else if (keyOnly(reply.line())) {
            counters.failed(what.db());
            fail("db " + what.db() + " key " + Printable.quoted(what.key(), 64) + ": " + reply.line());
        } else {
            stop("RESTORE of " + Printable.quoted(what.key(), 64) + " in db " + what.db() + " was refused: "
                    + reply.line(), null);
        }
    }

    /** Stops the load: the sender's next {@link #check} throws. */
    void stop(String why, Throwable cause) {
        if (failure == null) {
            failure = new RestoreRefusedException(RestoreRefusedException.Reason.TARGET_FAILED,
                    "the restore into " + target + " stopped: " + why + "; keys sent before this point are in the target",
                    cause);
        }
    }

    /** Throws the failure that stopped the load, if any. */
    void check() {
        RestoreRefusedException f = failure;
        if (f != null) {
            throw f;
        }
    }

    boolean stopped() {
        return failure != null;
    }

    /** Keys that failed, with the server's reason (the first {@value #MAX_FAILURES_LISTED}). */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    long functionsLoaded() {
        return functionsLoaded;
    }

    private void fail(String what) {
        synchronized (failures) {
            if (failures.size() < MAX_FAILURES_LISTED) {
                failures.add(what);
            }
        }
    }

    private static boolean keyOnly(String error) {
        return error.startsWith("ERR Bad data format") || error.contains("DUMP payload version or checksum are wrong")
                || error.contains("module");
    }
}
