package dev.caravan.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

import dev.caravan.rdb.RdbParser;
import dev.caravan.rdb.RdbSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * Reads a snapshot once, validating it, and reports what it holds. A corrupt file fails with the
 * parser's {@link dev.caravan.rdb.RdbFormatException}: a summary of a file that does not verify
 * would be a summary of nothing.
 */
@ApplicationScoped
@Named("snapshotInspector")
public class SnapshotInspector {

    public InspectReport inspect(InspectRequest request) throws IOException {
        SnapshotStats stats = request.keys() == null
                ? new SnapshotStats(request.largestKeys())
                : new SnapshotStats(request.largestKeys(), request.keys()::matches, request.listener());
        RdbSummary summary;
        try (InputStream in = Files.newInputStream(request.file())) {
            summary = new RdbParser(in).parse(stats);
        }
        return new InspectReport(request.file().toString(), summary.magic(), summary.version(), summary.bytes(),
                SnapshotVerifier.describe(summary), summary.keys(), summary.expiringKeys(), stats.aux(),
                stats.dbs(), stats.functions(), stats.modules(), stats.largestKeys());
    }
}
