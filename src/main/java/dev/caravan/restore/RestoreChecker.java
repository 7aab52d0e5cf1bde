package dev.caravan.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import dev.caravan.archive.ManifestFile;

/**
 * The last step: the keys per database that the load accounted for (restored, skipped as
 * existing, expired) against what the manifests list less what the filter removed, and the
 * restore's {@link RestoreResult}, which the job keeps.
 */
@ApplicationScoped
@Named("restoreChecker")
public class RestoreChecker {

    /** The route's step: the result, also recorded on the job. */
    public RestoreResult result(RestorePlan plan) {
        RestoreJob job = plan.job();
        job.enter(RestoreJob.Phase.CHECKING, 0);
        LoadReport report = plan.report();
        boolean manifests = plan.backups().stream().allMatch(b -> b.manifest() != null);
        Map<Integer, Long> expected = new TreeMap<>();
        List<String> differences = new ArrayList<>();
        if (manifests) {
            LoadReport.KeyCheck check = report.check(manifestKeys(plan), plan.filter());
            expected.putAll(check.expectedPerTargetDb());
            differences.addAll(check.differences());
        } else if (report.failed() > 0) {
            differences.add(report.failed() + " keys failed to load");
        }
        List<RestoreResult.DatabaseCheck> databases = new ArrayList<>();
        TreeMap<Integer, LoadReport.DbCounts> counts = new TreeMap<>(report.perTargetDb());
        expected.keySet().forEach(db -> counts.putIfAbsent(db, new LoadReport.DbCounts(0, 0, 0, 0)));
        counts.forEach((db, c) -> {
            long want = manifests ? expected.getOrDefault(db, 0L) : -1;
            boolean ok = c.failed() == 0 && (!manifests || want == c.accounted() - c.failed());
            databases.add(new RestoreResult.DatabaseCheck(db, want, c.restored(), c.skippedExisting(),
                    c.skippedExpired(), c.failed(), ok));
        });
        boolean passed = differences.isEmpty();
        String words = passed
                ? (manifests ? "keys per database match the manifest" + (plan.filter().takesEverything() ? ""
                        : " less the " + report.filteredOut() + " keys the filter left out")
                        : "no manifest to check against (a dropped archive): the RDB's CRC64 and structure were checked")
                : String.join("; ", differences);
        RestoreRequest request = plan.request();
        List<String> ids = plan.backups().stream().map(RestorePlan.Backup::id).toList();
        String from = plan.backups().stream().map(RestorePlan.Backup::destination).distinct()
                .reduce((a, b) -> a + ", " + b).orElse("");
        RestoreResult result = new RestoreResult(job.id(), request.source(), ids, from, plan.target().toString(),
                plan.targetInfo() != null ? plan.targetInfo().describe() : report.targetVersion(),
                request.effectiveMode().id(), request.dryRunRequested(), plan.bytesFetched(), plan.rdbBytes(),
                plan.verified(), report.restored(), report.skippedExisting(), report.skippedExpired(), report.filteredOut(),
                report.failed(), databases, passed, words, (System.nanoTime() - plan.startedNanos()) / 1_000_000,
                Map.of());
        return job.succeeded(result);
    }

    /** Keys per source database over every archive of every backup restored. */
    private static Map<Integer, Long> manifestKeys(RestorePlan plan) {
        Map<Integer, Long> keys = new TreeMap<>();
        for (RestorePlan.Backup backup : plan.backups()) {
            for (RestorePlan.Archive archive : backup.archives()) {
                for (ManifestFile.DatabaseKeys db : archive.expected().databases()) {
                    keys.merge(db.db(), db.keys(), Long::sum);
                }
            }
        }
        return keys;
    }
}
