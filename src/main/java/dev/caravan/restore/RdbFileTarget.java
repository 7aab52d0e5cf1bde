package dev.caravan.restore;

import dev.caravan.rdb.DumpPayloadOutputStream;
import dev.caravan.rdb.RdbEntry;
import dev.caravan.rdb.RdbParser;
import dev.caravan.rdb.RdbRecord;
import dev.caravan.rdb.RdbValue;
import dev.caravan.rdb.RdbVisitor;
import dev.caravan.rdb.RdbWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * Restores to an RDB file instead of a server: the keys a filter takes, from one backup or from
 * several merged (a key in a later backup wins over the same key, in the same target database, in
 * an earlier one). The file is written under a temporary name, synced and renamed into place, so
 * {@code out} is either the whole result or untouched.
 *
 * <p>Merging reads each backup once, latest first, and remembers the (database, key) of what it has
 * written in a {@link KeyHashSet}: 16 bytes of heap per key at most, whatever the key's length.
 * The output's RDB version is the highest of the backups' (so every payload fits), VALKEY 80 if
 * any backup is a Valkey 9 file. Values stream through a {@link SpillBuffer}, so big keys are not
 * held in heap. In the report, keys superseded by a later backup count as skipped (existing).
 * Function libraries come from the latest backup only (two copies of a library would make the
 * file unloadable, and the latest set is the one that was live).
 */
public final class RdbFileTarget {

    /** Opens a decompressed, verified RDB stream; called twice per source (header, then keys). */
    @FunctionalInterface
    public interface RdbSource {
        InputStream open() throws IOException;
    }

    private static final long SPILL_THRESHOLD = RedisLoader.DEFAULT_SPILL_THRESHOLD;

    private RdbFileTarget() {
    }

    /**
     * Writes {@code out} from {@code inMergeOrder} (earliest first), taking what {@code filter}
     * takes, into the databases it maps to; keys already expired are left out and counted.
     */
    public static LoadReport write(List<RdbSource> inMergeOrder, Path out, RestoreFilter filter, LoadCounters counters)
            throws IOException {
        if (inMergeOrder.isEmpty()) {
            throw new IllegalArgumentException("no backup to write");
        }
        long started = System.nanoTime();
        int version = RdbWriter.DEFAULT_MIN_VERSION;
        for (RdbSource source : inMergeOrder) {
            version = Math.max(version, headerVersion(source));
        }
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + out.getFileName() + ".", ".part");
        boolean done = false;
        try (SpillBuffer spill = new SpillBuffer(dir, SPILL_THRESHOLD)) {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream file = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 256 * 1024);
                RdbWriter writer = new RdbWriter(file, version);
                writer.aux("caravan-restore", "merged " + inMergeOrder.size() + " backup(s)");
                KeyHashSet written = inMergeOrder.size() > 1 ? new KeyHashSet() : null;
                long bytes = 0;
                for (int i = inMergeOrder.size() - 1; i >= 0; i--) {
                    try (InputStream in = inMergeOrder.get(i).open()) {
                        CountingInputStream counting = new CountingInputStream(in);
                        boolean latest = i == inMergeOrder.size() - 1;
                        new RdbParser(counting).framingOnly().parse(new Copier(writer, filter, counters, written, spill, i > 0, latest));
                        bytes += counting.count();
                        counters.bytesRead(bytes);
                    }
                }
                writer.finish();
                file.flush();
                channel.force(true);
            }
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
        return LoadReport.of(counters, 0, Duration.ofNanos(System.nanoTime() - started), "rdb " + version, false, List.of());
    }

    private static int headerVersion(RdbSource source) throws IOException {
        try (InputStream in = source.open()) {
            byte[] header = in.readNBytes(9);
            String text = new String(header, StandardCharsets.US_ASCII);
            if (text.startsWith("VALKEY")) {
                return 80;
            }
            if (header.length < 9 || !text.startsWith("REDIS")) {
                throw new IOException("not an RDB stream (no REDIS or VALKEY header)");
            }
            return Integer.parseInt(text.substring(5));
        }
    }

    /** Writes the keys of one backup that the filter takes and no later backup has. */
    private static final class Copier implements RdbVisitor {
        private final RdbWriter writer;
        private final RestoreFilter filter;
        private final LoadCounters counters;
        private final KeyHashSet written;
        private final SpillBuffer spill;
        private final boolean remember;
        private final boolean functions;

        Copier(RdbWriter writer, RestoreFilter filter, LoadCounters counters, KeyHashSet written, SpillBuffer spill,
               boolean remember, boolean functions) {
            this.writer = writer;
            this.filter = filter;
            this.counters = counters;
            this.written = written;
            this.spill = spill;
            this.remember = remember;
            this.functions = functions;
        }

        @Override
        public void onFunction(byte[] code) throws IOException {
            if (functions) {
                writer.function(code);
            }
        }

        @Override
        public void onEntry(RdbEntry entry, RdbValue value) throws IOException {
            if (!filter.includesDbAndKey(entry)) {
                counters.filteredOut(entry.db());
                return;
            }
            int db = filter.targetDb(entry.db());
            if (written != null) {
                // before the type filter: a later backup's key wins even when its type is filtered out
                long hash = KeyHashSet.hash(db, entry.key());
                if (written.contains(hash)) {
                    counters.skippedExisting(db);
                    return;
                }
                if (remember) {
                    written.add(hash);
                }
            }
            if (!filter.includesType(entry)) {
                counters.filteredOut(entry.db());
                return;
            }
            if (entry.expireAtMs() >= 0 && entry.expireAtMs() <= System.currentTimeMillis()) {
                counters.skippedExpired(db);
                return;
            }
            spill.reset();
            DumpPayloadOutputStream payload = new DumpPayloadOutputStream(spill, entry.type());
            value.copyRaw(payload);
            payload.close();
            if (spill.spilled()) {
                try (InputStream in = spill.openSpilled()) {
                    writer.write(RdbRecord.streamed(db, entry.key(), entry.expireAtMs(), in, spill.size()));
                }
            } else {
                writer.write(RdbRecord.streamed(db, entry.key(), entry.expireAtMs(),
                        new java.io.ByteArrayInputStream(spill.array(), 0, (int) spill.size()), spill.size()));
            }
            counters.restored(db);
        }
    }
}
