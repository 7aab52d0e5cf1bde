package dev.caravan.restore;

import dev.caravan.rdb.DumpPayloadOutputStream;
import dev.caravan.rdb.RdbEntry;
import dev.caravan.rdb.RdbValue;
import dev.caravan.rdb.RdbVisitor;
import java.io.IOException;
import java.io.InputStream;

/**
 * Takes each key of the parse through the filter and the expiry check, and sends what remains as a
 * DUMP payload down the pipeline (held in the spill buffer until complete, since RESP needs its
 * length first), and each function library as FUNCTION LOAD. Without a pipeline it only counts: a
 * dry run.
 */
final class LoadVisitor implements RdbVisitor {

    private final CountingInputStream input;
    private final RestoreFilter filter;
    private final LoadCounters counters;
    private final RestorePipeline pipeline;
    private final SpillBuffer spill;
    private long functions;

    LoadVisitor(CountingInputStream input, RestoreFilter filter, LoadCounters counters, RestorePipeline pipeline,
                SpillBuffer spill) {
        this.input = input;
        this.filter = filter;
        this.counters = counters;
        this.pipeline = pipeline;
        this.spill = spill;
    }

    @Override
    public void onFunction(byte[] code) throws IOException {
        functions++;
        if (pipeline != null) {
            try {
                pipeline.loadFunction(code);
            } catch (IOException e) {
                throw new RestoreRefusedException(RestoreRefusedException.Reason.TARGET_FAILED,
                        "sending a function library to the target failed: " + e.getMessage(), e);
            }
        }
    }

    /** Function libraries found in the RDB. */
    long functions() {
        return functions;
    }

    @Override
    public void onEntry(RdbEntry entry, RdbValue value) throws IOException {
        counters.bytesRead(input.count());
        if (!filter.includes(entry)) {
            counters.filteredOut(entry.db());
            return;
        }
        int db = filter.targetDb(entry.db());
        if (entry.expireAtMs() >= 0 && entry.expireAtMs() <= System.currentTimeMillis()) {
            counters.skippedExpired(db);
            return;
        }
        if (pipeline == null) {
            counters.restored(db);
            return;
        }
        spill.reset();
        DumpPayloadOutputStream payload = new DumpPayloadOutputStream(spill, entry.type());
        value.copyRaw(payload);
        payload.close();
        try {
            if (spill.spilled()) {
                try (InputStream in = spill.openSpilled()) {
                    pipeline.restore(db, entry.key(), entry.expireAtMs(), entry.idle(), entry.freq(), in, spill.size());
                }
            } else {
                pipeline.restore(db, entry.key(), entry.expireAtMs(), entry.idle(), entry.freq(), spill.array(),
                        (int) spill.size());
            }
        } catch (IOException e) {
            throw new RestoreRefusedException(RestoreRefusedException.Reason.TARGET_FAILED,
                    "sending key " + entry.printableKey() + " (db " + db + ") to the target failed: " + e.getMessage()
                            + "; keys sent before it are in the target", e);
        }
    }
}
