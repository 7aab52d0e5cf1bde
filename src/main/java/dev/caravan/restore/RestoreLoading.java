package dev.caravan.restore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import dev.caravan.config.CaravanConfig;
import dev.caravan.restore.RestoreRefusedException.Reason;

/**
 * The load step: the verified archives, decompressed a second time as they stream, go into a
 * server through {@link RedisLoader} (one archive after another; flush-first flushes before the
 * first only) or into a file through {@link RdbFileTarget}, which also merges several backups. A
 * dry run into a file writes to the job's staging folder, which is removed afterwards.
 */
@ApplicationScoped
@Named("restoreLoading")
public class RestoreLoading {

    private final CaravanConfig config;
    private final RestorePlanner planner;

    public RestoreLoading(CaravanConfig config, RestorePlanner planner) {
        this.config = config;
        this.planner = planner;
    }

    /** The route's step. */
    public void load(RestorePlan plan) throws IOException {
        plan.job().enter(RestoreJob.Phase.LOADING, plan.rdbBytes(), plan.counters()::bytesRead);
        List<RestorePlan.Archive> archives = new ArrayList<>();
        plan.backups().forEach(b -> archives.addAll(b.archives()));
        if (plan.target() instanceof RestoreTarget.Server server) {
            RedisLoader loader = planner.loader(plan);
            LoadOptions options = new LoadOptions(plan.request().effectiveMode(), plan.request().dryRunRequested(),
                    config.restore().window(), plan.filter());
            LoadReport report = null;
            for (RestorePlan.Archive archive : archives) {
                try (InputStream rdb = archive.openRdb()) {
                    report = loader.load(rdb, server.uri(), options, plan.requirements(), plan.counters());
                }
                // The target's databases are flushed once, before the first archive.
                if (options.mode() == RestoreMode.FLUSH_FIRST) {
                    options = options.withMode(RestoreMode.REPLACE);
                }
            }
            plan.report(report);
        } else if (plan.target() instanceof RestoreTarget.File file) {
            List<RdbFileTarget.RdbSource> sources = new ArrayList<>();
            for (RestorePlan.Archive archive : archives) {
                sources.add(archive::openRdb);
            }
            Path out = plan.request().dryRunRequested() ? plan.stagingDir().resolve("dry-run.rdb") : file.path();
            plan.report(RdbFileTarget.write(sources, out, plan.filter(), plan.counters()));
        } else {
            throw new RestoreRefusedException(Reason.INVALID_REQUEST, "unknown target " + plan.target());
        }
    }
}
