package dev.caravan.restore;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Holds one payload at a time: in a reused array up to a threshold, beyond it in a temporary file,
 * so a key of any size passes with at most {@code threshold} bytes of heap. {@link #reset()}
 * starts the next payload; {@link #close()} removes the file.
 */
final class SpillBuffer extends OutputStream implements AutoCloseable {

    private final Path dir;
    private final int threshold;
    private byte[] array = new byte[64 * 1024];
    private int count;
    private Path file;
    private OutputStream fileOut;
    private long fileSize;

    SpillBuffer(Path dir, long threshold) {
        this.dir = dir;
        this.threshold = (int) Math.min(threshold, Integer.MAX_VALUE - 16);
    }

    void reset() throws IOException {
        count = 0;
        fileSize = 0;
        if (fileOut != null) {
            fileOut.close();
            fileOut = null;
        }
    }

    boolean spilled() {
        return fileOut != null;
    }

    long size() {
        return spilled() ? fileSize : count;
    }

    byte[] array() {
        return array;
    }

    /** The spilled payload, from its start; call after the payload is complete. */
    InputStream openSpilled() throws IOException {
        fileOut.flush();
        return Files.newInputStream(file);
    }

    @Override
    public void write(int b) throws IOException {
        if (fileOut == null && count < array.length && count < threshold) {
            array[count++] = (byte) b;
        } else {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (fileOut != null) {
            fileOut.write(b, off, len);
            fileSize += len;
            return;
        }
        if ((long) count + len > threshold) {
            spill();
            fileOut.write(b, off, len);
            fileSize += len;
            return;
        }
        if (count + len > array.length) {
            array = Arrays.copyOf(array, (int) Math.min(threshold, Math.max((long) array.length * 2, (long) count + len)));
        }
        System.arraycopy(b, off, array, count, len);
        count += len;
    }

    private void spill() throws IOException {
        if (file == null) {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "caravan-payload-", ".spill");
        }
        fileOut = new BufferedOutputStream(Files.newOutputStream(file), 256 * 1024);
        fileOut.write(array, 0, count);
        fileSize = count;
        count = 0;
    }

    @Override
    public void close() throws IOException {
        reset();
        if (file != null) {
            Files.deleteIfExists(file);
            file = null;
        }
    }
}
