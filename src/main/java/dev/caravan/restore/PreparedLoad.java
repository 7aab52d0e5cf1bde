package dev.caravan.restore;

import dev.caravan.redis.RedisConnection;
import dev.caravan.redis.RespWriter;
import dev.caravan.restore.RestoreCommands.Pending;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * A load prepared by the verify pass (DESIGN §5): while it checks an archive, the pass also writes
 * the load's commands ({@link RestoreCommands}) to a file in the job's staging folder, with an
 * index of what each reply answers; once every check has passed, {@link #replay} sends the file
 * to the target as it is. Sending a file costs the loader almost no CPU, so the target gets a core
 * to itself (with the load parsed while it ran, the 2-core bench's target spent 10.4 CPU seconds
 * on what it loads in 7.5 from a file), and nothing reaches it before the archive is trusted.
 *
 * <p>The price is staging space about the RDB's size, which the verify pass checks first. If
 * writing the files fails all the same (the disk filled up), the preparation is dropped and the
 * load streams from the archive as it would have.
 */
final class PreparedLoad {

    private static final Logger LOG = Logger.getLogger(PreparedLoad.class);
    private static final int BUFFER = 256 * 1024;
    private static final byte RESTORE = 0;
    private static final byte SELECT = 1;
    private static final byte FUNCTION = 2;

    private final Path commands;
    private final Path index;
    private final LoadCounters prepared;
    private final long rdbBytes;

    private PreparedLoad(Path commands, Path index, LoadCounters prepared, long rdbBytes) {
        this.commands = commands;
        this.index = index;
        this.prepared = prepared;
        this.rdbBytes = rdbBytes;
    }

    /**
     * Starts preparing into {@code dir} (files {@code NAME.resp} and {@code NAME.index});
     * {@code position} gives the RDB offset each command comes from, for the load's progress.
     */
    static Recorder record(Path dir, String name, boolean replace, LongSupplier position) throws IOException {
        Files.createDirectories(dir);
        return new Recorder(dir.resolve(name + ".resp"), dir.resolve(name + ".index"), replace, position);
    }

    /** Writes the commands and their index; the counts of keys filtered out or expired go to its own counters. */
    static final class Recorder implements RestoreCommands.Ledger, AutoCloseable {
        private final Path commandsFile;
        private final Path indexFile;
        private final LongSupplier position;
        private final Tolerant commandsOut;
        private final Tolerant indexOut;
        private final DataOutputStream indexData;
        private final RespWriter writer;
        private final RestoreCommands commands;
        private final LoadCounters counters = new LoadCounters();

        private Recorder(Path commandsFile, Path indexFile, boolean replace, LongSupplier position) throws IOException {
            this.commandsFile = commandsFile;
            this.indexFile = indexFile;
            this.position = position;
            this.commandsOut = new Tolerant(Files.newOutputStream(commandsFile));
            this.indexOut = new Tolerant(Files.newOutputStream(indexFile));
            this.indexData = new DataOutputStream(new BufferedOutputStream(indexOut, BUFFER));
            // Prepared loads are for targets that take ABSTTL: a relative TTL would be stale when sent.
            this.writer = new RespWriter(new BufferedOutputStream(commandsOut, BUFFER));
            this.commands = new RestoreCommands(writer, this, replace, true);
        }

        RestoreCommands commands() {
            return commands;
        }

        /** Where the load visitor counts keys it leaves out (filtered, expired); added to the load's counts when replayed. */
        LoadCounters counters() {
            return counters;
        }

        @Override
        public void expect(Pending what) throws IOException {
            indexData.writeByte(what == RestoreCommands.SELECTED ? SELECT : what == RestoreCommands.FUNCTION_LOADED
                    ? FUNCTION : RESTORE);
            indexData.writeLong(position.getAsLong());
            if (what.key() != null) {
                indexData.writeInt(what.db());
                indexData.writeInt(what.key().length);
                indexData.write(what.key());
            }
        }

        /** The prepared load, or null if writing it failed (the load then streams from the archive). */
        PreparedLoad finish() throws IOException {
            writer.flush();
            indexData.flush();
            close();
            if (commandsOut.failure != null || indexOut.failure != null) {
                IOException e = commandsOut.failure != null ? commandsOut.failure : indexOut.failure;
                LOG.warnf("preparing the load in %s failed (%s): it will stream from the archive instead",
                        commandsFile.getParent(), e.getMessage());
                delete();
                return null;
            }
            return new PreparedLoad(commandsFile, indexFile, counters, position.getAsLong());
        }

        @Override
        public void close() {
            commandsOut.close();
            indexOut.close();
        }

        /** Drops what was written (the verify pass failed). */
        void delete() {
            close();
            try {
                Files.deleteIfExists(commandsFile);
                Files.deleteIfExists(indexFile);
            } catch (IOException e) {
                LOG.debugf("could not delete %s: %s", commandsFile, e.getMessage());
            }
        }
    }

    /**
     * Sends the prepared commands over {@code connection} (on database 0) while a second thread
     * reads the replies against the index and counts them into {@code counters}, after the
     * counts made while preparing. Returns the failed keys named; throws TARGET_FAILED when the
     * target stopped the load.
     */
    Replayed replay(RedisConnection connection, LoadCounters counters) throws IOException {
        counters.addLeftOut(prepared);
        ReplyAccounting accounting = new ReplyAccounting(connection.target(), counters);
        Thread replies = new Thread(() -> readReplies(connection, accounting, counters), "caravan-restore-replies");
        replies.setDaemon(true);
        replies.start();
        try (InputStream in = Files.newInputStream(commands)) {
            byte[] chunk = new byte[BUFFER];
            for (int n; (n = in.read(chunk)) >= 0 && !accounting.stopped(); ) {
                connection.writer().raw(chunk, 0, n);
            }
            connection.flush();
            replies.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestoreRefusedException(RestoreRefusedException.Reason.TARGET_FAILED,
                    "the load into " + connection.target() + " was interrupted", e);
        } catch (IOException e) {
            accounting.stop("the connection failed while loading: " + e.getMessage(), e);
        } finally {
            if (replies.isAlive()) {
                connection.close();
            }
        }
        accounting.check();
        counters.bytesRead(rdbBytes);
        return new Replayed(accounting.failures(), accounting.functionsLoaded());
    }

    /** What a replay leaves for the report. */
    record Replayed(List<String> failures, long functionsLoaded) {
    }

    /** Reads one reply per command of the index, in order; stops at the index's end or when the load stops. */
    private void readReplies(RedisConnection connection, ReplyAccounting accounting, LoadCounters counters) {
        try (DataInputStream entries = new DataInputStream(new BufferedInputStream(Files.newInputStream(index), BUFFER))) {
            while (!accounting.stopped()) {
                int kind;
                try {
                    kind = entries.readByte();
                } catch (EOFException end) {
                    return;
                }
                long offset = entries.readLong();
                Pending what = switch (kind) {
                    case SELECT -> RestoreCommands.SELECTED;
                    case FUNCTION -> RestoreCommands.FUNCTION_LOADED;
                    default -> {
                        int db = entries.readInt();
                        byte[] key = new byte[entries.readInt()];
                        entries.readFully(key);
                        yield new Pending(key, db);
                    }
                };
                accounting.account(what, connection.read());
                counters.bytesRead(offset);
            }
        } catch (IOException | RuntimeException e) {
            accounting.stop("the connection failed while loading: " + e.getMessage(), e);
        }
    }

    /** An output that, after its first failure, drops what follows and keeps the failure for {@link Recorder#finish}. */
    private static final class Tolerant extends OutputStream {
        private final OutputStream out;
        IOException failure;

        Tolerant(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (failure == null) {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        @Override
        public void flush() {
            if (failure == null) {
                try {
                    out.flush();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }
}
