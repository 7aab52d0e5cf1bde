package dev.caravan.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.caravan.archive.InspectReport.DbCount;
import dev.caravan.archive.InspectReport.KeyInfo;
import dev.caravan.archive.InspectReport.TypeCount;
import dev.caravan.rdb.RdbEntry;
import dev.caravan.rdb.RdbParser;
import dev.caravan.rdb.RdbSummary;
import dev.caravan.rdb.ValidateVisitor;
import dev.caravan.rdb.ValidateVisitor.Counts;
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
        ValidateVisitor stats = request.keys() == null
                ? new ValidateVisitor(request.largestKeys())
                : new ValidateVisitor(request.largestKeys()) {
                    @Override
                    protected void onValidated(RdbEntry entry, long size) throws IOException {
                        if (request.keys().matches(entry.key())) {
                            request.listener().onKey(KeyInfo.of(entry, size));
                        }
                    }
                };
        RdbSummary summary;
        try (InputStream in = Files.newInputStream(request.file())) {
            summary = new RdbParser(in).parse(stats);
        }
        List<KeyInfo> largest = stats.largestKeys().stream()
                .map(k -> new KeyInfo(k.db(), k.printableKey(), k.type().family(), k.type().encoding(), null,
                        k.serializedSize()))
                .toList();
        return new InspectReport(request.file().toString(), summary.magic(), summary.version(), summary.bytes(),
                SnapshotVerifier.describe(summary), summary.keys(), summary.expiringKeys(), stats.aux(),
                dbs(stats), stats.functions(), stats.auxModules(), largest);
    }

    private static List<DbCount> dbs(ValidateVisitor stats) {
        List<DbCount> dbs = new ArrayList<>();
        stats.perDbAndFamily().forEach((db, families) -> {
            Map<String, TypeCount> types = new TreeMap<>();
            families.forEach((family, c) -> types.put(family, count(c)));
            Counts total = stats.perDb().get(db);
            dbs.add(new DbCount(db, total.keys(), total.expiringKeys(), Collections.unmodifiableMap(types)));
        });
        return dbs;
    }

    private static TypeCount count(Counts c) {
        return new TypeCount(c.keys(), c.expiringKeys(), c.bytes());
    }
}
