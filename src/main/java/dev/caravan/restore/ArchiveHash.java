package dev.caravan.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;

import dev.caravan.archive.Sha256;

/**
 * The SHA-256 of a staged archive, taken on a thread of its own while the verify pass reads the
 * same file: for a local archive that the fetch hard-linked into staging, instead of a pass of its
 * own before the verify pass (0.6 s for a 535 MB archive, with one of two cores idle; beside the
 * verify pass, 0.3 s more of it, measured). Hashing inside the decompressing thread instead cost
 * more than it saved: that thread then paced the parse.
 */
final class ArchiveHash {

    private static final int BUFFER = 256 * 1024;

    private final FutureTask<String> task;
    private final AtomicLong hashed = new AtomicLong();

    private ArchiveHash(Path file) {
        this.task = new FutureTask<>(() -> of(file, hashed));
    }

    /** Starts hashing {@code file}. */
    static ArchiveHash start(Path file) {
        ArchiveHash hash = new ArchiveHash(file);
        Thread thread = new Thread(hash.task, "caravan-archive-hash");
        thread.setDaemon(true);
        thread.start();
        return hash;
    }

    /** The file's SHA-256 in hex, once the thread has read it all. */
    String await() throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the archive");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Bytes of the file hashed so far: a restore's progress while it checks by checksum alone. */
    long hashed() {
        return hashed.get();
    }

    /** The SHA-256 of a whole file, in hex, on this thread. */
    static String of(Path file) throws IOException {
        return of(file, new AtomicLong());
    }

    private static String of(Path file, AtomicLong hashed) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha256.update(buffer, 0, n);
                hashed.addAndGet(n);
            }
        }
        return Sha256.hex(sha256);
    }
}
