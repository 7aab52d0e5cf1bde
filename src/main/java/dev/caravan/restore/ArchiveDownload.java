package dev.caravan.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * An archive that the fetch thread ({@link ArchiveDownloads}) is still writing into staging,
 * readable while it arrives, so that the verify pass parses a download from S3 or SFTP as it
 * streams in instead of after its last byte. The writer never waits for a reader: the staged file
 * is the buffer, so a slow parse does not hold a connection open longer. The download's outcome
 * (its size and SHA-256 against the manifest, or why it failed) is {@link #await}'s to give; a
 * reader only ever sees bytes the fetch has written, and an error once the fetch has failed.
 */
final class ArchiveDownload {

    private final Path path;
    private long written;
    private boolean complete;
    private RuntimeException failure;

    ArchiveDownload(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    Path path() {
        return path;
    }

    /** The writer's: {@code n} more bytes are in the file. */
    synchronized void wrote(long n) {
        written += n;
        notifyAll();
    }

    /** Bytes in the file so far: a restore's progress while it checks by checksum alone. */
    synchronized long written() {
        return written;
    }

    /** The writer's: the archive is whole and checked against its manifest. */
    synchronized void completed() {
        complete = true;
        notifyAll();
    }

    /** The writer's: the download failed or the archive is not what its manifest says ({@code why}). */
    synchronized void failed(RuntimeException why) {
        if (!complete && failure == null) {
            failure = Objects.requireNonNull(why, "why");
        }
        notifyAll();
    }

    /**
     * Waits for the download's end: the archive's size once it is whole and matches its manifest,
     * else the reason it does not (a {@link RestoreRefusedException}, thrown).
     */
    synchronized long await() throws InterruptedIOException {
        while (!complete && failure == null) {
            waitForWriter();
        }
        if (failure != null) {
            throw failure;
        }
        return written;
    }

    /** The bytes written so far, once there are more than {@code position} or the download has ended. */
    private synchronized long writtenBeyond(long position) throws IOException {
        while (written <= position && !complete && failure == null) {
            waitForWriter();
        }
        if (failure != null) {
            throw new IOException("the download of " + path.getFileName() + " stopped: " + failure.getMessage());
        }
        return written;
    }

    private void waitForWriter() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the download of " + path.getFileName());
        }
    }

    /** The archive from its first byte, waiting for what is not written yet; ends where the download ends. */
    InputStream open() throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        return new InputStream() {
            private final byte[] one = new byte[1];
            private long position;

            @Override
            public int read() throws IOException {
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) {
                    return 0;
                }
                long end = writtenBeyond(position);
                if (position >= end) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
                if (n < 0) {
                    throw new IOException(path.getFileName() + " is shorter than the " + end + " bytes written to it");
                }
                position += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
