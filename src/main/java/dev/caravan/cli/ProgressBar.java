package dev.caravan.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.caravan.backup.BackupProgress;
import dev.caravan.backup.PublishResult;

/**
 * A backup's progress on stderr while it runs (stdout keeps the result): bytes and rate while
 * pulling, then each destination's result as it lands. On a terminal the pull line is redrawn in
 * place; otherwise (a log, a pipe) the pull is one line when it ends, so logs stay readable.
 */
final class ProgressBar implements AutoCloseable {

    private static final long TICK_MILLIS = 250;

    private final BackupProgress progress;
    private final PrintWriter err;
    private final boolean terminal;
    private final ScheduledExecutorService ticker;
    private boolean pullShown;
    private int copiesShown;
    private boolean lineOpen;

    ProgressBar(BackupProgress progress, PrintWriter err, boolean terminal) {
        this.progress = progress;
        this.err = err;
        this.terminal = terminal;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "caravan-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::draw, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void draw() {
        BackupProgress.Phase phase = progress.phase();
        if (phase == BackupProgress.Phase.PULLING && terminal) {
            err.print("\r" + pullLine() + "   ");
            lineOpen = true;
        }
        if (!pullShown && progress.folderKey() != null) {
            endLine();
            err.println(pullLine());
            pullShown = true;
        }
        List<PublishResult> copies = progress.copies();
        for (; copiesShown < copies.size(); copiesShown++) {
            endLine();
            PublishResult c = copies.get(copiesShown);
            err.println(c.ok()
                    ? "  copied to " + c.destination() + " (" + Sizes.human(c.bytes()) + ", " + c.attempts()
                            + (c.attempts() == 1 ? " attempt)" : " attempts)")
                    : "  not copied to " + c.destination() + ": " + c.error());
        }
        err.flush();
    }

    private String pullLine() {
        return (progress.folderKey() == null ? "pulling: " : "pulled and checked: ")
                + Sizes.human(progress.bytes()) + " at " + Sizes.human(Math.round(progress.bytesPerSecond())) + "/s";
    }

    private void endLine() {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
    }

    /** Stops redrawing and shows what is left to show. */
    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw();
        endLine();
        err.flush();
    }
}
