package dev.caravan.archive;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The sink of a backup's one pass over the snapshot bytes: compresses what is written into a
 * file in the staging folder, counting the bytes in and out and hashing (SHA-256) the bytes that
 * reach the file, all on the way, so nothing is read twice and memory does not grow with the
 * snapshot. {@link #commit()} makes the file durable; {@link #abort(Throwable)} (or closing
 * without commit) sets it aside as {@code <name>.failed} for diagnosis, so it is never shipped.
 * One writer is used by one thread.
 */
public final class StagingWriter extends OutputStream {

    /** The suffix of a staging file set aside after a failure. */
    public static final String FAILED_SUFFIX = ".failed";
    private static final int FILE_BUFFER = 256 * 1024;

    private final Path path;
    private final Codec codec;
    private final FileChannel channel;
    private final SyncBehind syncBehind;
    private final HashingCounter hashed;
    private final OutputStream compressor;
    private long rawBytes;
    private boolean finished;

    private StagingWriter(Path path, Codec codec, String entryName) throws IOException {
        this.path = path;
        this.codec = codec;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.syncBehind = new SyncBehind(() -> channel.force(false), SyncBehind.DEFAULT_STRIDE, path.getFileName().toString());
        try {
            this.hashed = new HashingCounter(new BufferedOutputStream(Channels.newOutputStream(channel), FILE_BUFFER),
                    syncBehind);
            this.compressor = codec.compress(hashed, entryName);
        } catch (IOException | RuntimeException e) {
            stopSyncBehind(e);
            channel.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /**
     * Creates {@code stagingDir/fileName} (which must not exist yet) and returns its writer.
     *
     * @param fileName  e.g. {@link ArchiveLayout#archiveFileName}
     * @param entryName the decompressed file's name, recorded by container codecs (zip)
     */
    public static StagingWriter open(Path stagingDir, String fileName, Codec codec, String entryName)
            throws IOException {
        Objects.requireNonNull(codec, "codec");
        Names.requireSafe("staging file name", fileName);
        Files.createDirectories(stagingDir);
        return new StagingWriter(stagingDir.resolve(fileName), codec, entryName);
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        compressor.write(b);
        rawBytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        compressor.write(b, off, len);
        rawBytes += len;
    }

    /** Bytes written so far, before compression. */
    public long rawBytes() {
        return rawBytes;
    }

    /** Bytes that have reached the file (or its buffer) so far. */
    public long compressedBytes() {
        return hashed.count;
    }

    /**
     * Finishes the codec's format, writes everything to the file and fsyncs it (most of it is on
     * the disk already: {@link SyncBehind} flushes as the file grows). If that fails,
     * the file is set aside as by {@link #abort(Throwable)} and the failure is thrown.
     */
    public StagedFile commit() throws IOException {
        ensureOpen();
        finished = true;
        try {
            compressor.close();
            syncBehind.finish();
            channel.force(true);
            channel.close();
        } catch (IOException | RuntimeException e) {
            setAside(e);
            throw e;
        }
        return new StagedFile(path, codec.name(), rawBytes, hashed.count, hashed.hex());
    }

    /**
     * Stops writing and renames the file to {@code <name>.failed}, replacing an older one.
     *
     * @param reason why, kept as a suppressed exception if setting aside fails too
     * @return where the file is now
     */
    public Path abort(Throwable reason) throws IOException {
        if (finished) {
            throw new IllegalStateException(path + " was already committed or aborted");
        }
        finished = true;
        return setAside(reason);
    }

    /** Without a commit, closing is an abort: a half-written file is never left under its name. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            abort(new IOException("closed without commit"));
        }
    }

    private Path setAside(Throwable reason) throws IOException {
        try {
            closeCompressor(reason);
            stopSyncBehind(reason);
            channel.close();
            return Files.move(path, path.resolveSibling(path.getFileName() + FAILED_SUFFIX),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            e.addSuppressed(reason);
            throw e;
        }
    }

    /**
     * Releases what the codec holds (threads, native deflate memory). It may write the format's
     * end into the file being set aside, which does no harm; a failure is only noted.
     */
    private void closeCompressor(Throwable reason) {
        try {
            compressor.close();
        } catch (IOException | RuntimeException e) {
            if (e != reason) {
                reason.addSuppressed(e);
            }
        }
    }

    /** Stops the flushing thread of a file that is being set aside; its failure is only noted. */
    private void stopSyncBehind(Throwable reason) {
        try {
            syncBehind.finish();
        } catch (IOException e) {
            reason.addSuppressed(e);
        }
    }

    private void ensureOpen() throws IOException {
        if (finished) {
            throw new IOException(path + " was already committed or aborted");
        }
    }

    /**
     * Counts and hashes the compressed bytes, and tells {@link SyncBehind} how far the file has
     * grown; closing it flushes but leaves the file to the writer.
     */
    private static final class HashingCounter extends FilterOutputStream {
        private final MessageDigest sha256;
        private final SyncBehind syncBehind;
        private long count;

        HashingCounter(OutputStream out, SyncBehind syncBehind) {
            super(out);
            this.syncBehind = syncBehind;
            this.sha256 = Sha256.newDigest();
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha256.update((byte) b);
            count++;
            syncBehind.written(count);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha256.update(b, off, len);
            count += len;
            syncBehind.written(count);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }

        String hex() {
            return Sha256.hex(sha256);
        }
    }
}
