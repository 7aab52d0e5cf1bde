package dev.caravan.restore;

import dev.caravan.redis.RedisConnection;
import dev.caravan.restore.RestoreCommands.Pending;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A live load: one connection carrying the {@link RestoreCommands} in order as they are made,
 * with at most {@code window} commands whose reply has not come back. The loading thread writes;
 * a second thread reads the replies, in order, and counts them ({@link ReplyAccounting}).
 */
final class RestorePipeline implements AutoCloseable {

    private final RedisConnection connection;
    private final int window;
    private final Semaphore free;
    private final BlockingQueue<Pending> pending;
    private final ReplyAccounting accounting;
    private final RestoreCommands commands;
    private final Thread replies;
    private volatile boolean closing;

    RestorePipeline(RedisConnection connection, int window, LoadCounters counters, boolean replace, boolean absoluteTtl) {
        this.connection = connection;
        this.window = window;
        this.free = new Semaphore(window);
        this.pending = new ArrayBlockingQueue<>(window + 1);
        this.accounting = new ReplyAccounting(connection.target(), counters);
        this.commands = new RestoreCommands(connection.writer(), this::send, replace, absoluteTtl);
        this.replies = new Thread(this::readReplies, "caravan-restore-replies");
        this.replies.setDaemon(true);
        this.replies.start();
    }

    /** Where the load's commands go. */
    RestoreCommands commands() {
        return commands;
    }

    /** Waits for every reply; throws the failure that stopped the load, if any. */
    void finish() throws IOException {
        connection.flush();
        acquire(window);
        free.release(window);
        accounting.check();
    }

    List<String> failures() {
        return accounting.failures();
    }

    long functionsLoaded() {
        return accounting.functionsLoaded();
    }

    @Override
    public void close() {
        closing = true;
        connection.close();
        try {
            replies.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes a slot of the window. When the window is full, sends what is buffered and waits until
     * a quarter of the window is free again: waiting for one slot at a time would send one
     * command per write from then on.
     */
    private void send(Pending what) throws IOException {
        accounting.check();
        if (!free.tryAcquire()) {
            connection.flush();
            int batch = Math.max(1, window / 4);
            acquire(batch);
            free.release(batch - 1);
        }
        pending.add(what);
    }

    private void acquire(int permits) {
        try {
            while (!free.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
                accounting.check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestoreRefusedException(RestoreRefusedException.Reason.TARGET_FAILED,
                    "the load into " + connection.target() + " was interrupted", e);
        }
    }

    /**
     * Reads replies in order. After a failure that stops the load it keeps reading (without
     * counting), so the server never waits on a full socket while the writer has yet to notice.
     */
    private void readReplies() {
        try {
            while (true) {
                RedisConnection.Reply reply = connection.read();
                accounting.account(pending.remove(), reply);
                free.release();
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                accounting.stop("the connection failed while loading: " + e.getMessage(), e);
            }
        }
    }
}
