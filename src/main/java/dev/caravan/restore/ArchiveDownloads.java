package dev.caravan.restore;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A restore's downloads, run one after the other on a thread of their own ({@code caravan-fetch-N})
 * in the order the verify pass reads them, each into its {@link ArchiveDownload}. {@link #close}
 * stops what still runs (a job that failed or ended before the last archive was read) and waits for
 * the thread, so that the job's staging folder can be removed after it.
 */
final class ArchiveDownloads implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ArchiveDownloads.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final long STOP_WAIT_MILLIS = 10_000;

    /** One archive's download: fills {@code into}, throws the refusal that says why it cannot. */
    interface Fetch {
        void run(ArchiveDownload into, ArchiveDownloads downloads) throws IOException;
    }

    private record Task(ArchiveDownload download, Fetch fetch) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private Thread thread;
    private volatile boolean closed;
    private volatile Closeable reading;

    /** Queues a download; the first {@link #start} runs them all in the order they were added. */
    void add(ArchiveDownload download, Fetch fetch) {
        if (thread != null) {
            throw new IllegalStateException("downloads already started");
        }
        tasks.add(new Task(download, fetch));
    }

    void start() {
        if (thread != null || tasks.isEmpty()) {
            return;
        }
        thread = new Thread(this::run, "caravan-fetch-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The fetch's: {@code source} is what it reads now, closed by {@link #close} to end a read
     * that an interrupt would not (a socket's).
     */
    void reading(Closeable source) throws InterruptedIOException {
        reading = source;
        stopIfClosed();
    }

    /** The fetch's, between reads: throws once the downloads are closed. */
    void stopIfClosed() throws InterruptedIOException {
        if (closed) {
            throw new InterruptedIOException("the restore ended before the download did");
        }
    }

    private void run() {
        for (Task task : tasks) {
            if (closed) {
                task.download.failed(new IllegalStateException("the restore ended before this archive was fetched"));
                continue;
            }
            try {
                task.fetch.run(task.download, this);
                task.download.completed();
            } catch (IOException e) {
                task.download.failed(new IllegalStateException(e.getMessage(), e));
            } catch (RuntimeException e) {
                task.download.failed(e);
            } finally {
                reading = null;
            }
        }
    }

    /** Stops a download still running and waits for the thread (at most 10 s, then logs it). */
    @Override
    public void close() {
        closed = true;
        if (thread == null) {
            return;
        }
        Closeable source = reading;
        if (source != null) {
            try {
                source.close();
            } catch (IOException | RuntimeException e) {
                LOG.debugf("closing a download's stream: %s", e.getMessage());
            }
        }
        thread.interrupt();
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warnf("a download of the ended restore did not stop within %d s (%s)", STOP_WAIT_MILLIS / 1000,
                    thread.getName());
        }
    }
}
