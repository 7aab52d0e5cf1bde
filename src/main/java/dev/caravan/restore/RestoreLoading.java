package dev.caravan.restore;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import dev.caravan.config.CaravanConfig;
import dev.caravan.rdb.RdbFormatException;
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
        if (plan.target() instanceof RestoreTarget.Server server) {
            RedisLoader loader = planner.loader(plan);
            LoadOptions options = new LoadOptions(plan.request().effectiveMode(), plan.request().dryRunRequested(),
                    config.restore().window(), plan.filter());
            LoadReport report = null;
            for (RestorePlan.Backup backup : plan.backups()) {
                for (RestorePlan.Archive archive : backup.archives()) {
                    ReadWatch rdb = new ReadWatch(archive.openRdb());
                    try (rdb) {
                        report = loader.load(rdb, server.uri(), options, plan.requirements(), plan.counters());
                    } catch (IOException e) {
                        // A failing target is TARGET_FAILED already (LoadVisitor, RedisLoader); of what is
                        // left, only the archive's own faults are damage, not the spill file's.
                        if (rdb.failed || e instanceof RdbFormatException) {
                            throw damagedWhileLoading(plan, backup, archive, server, e);
                        }
                        throw e;
                    }
                    // The target's databases are flushed once, before the first archive.
                    if (options.mode() == RestoreMode.FLUSH_FIRST) {
                        options = options.withMode(RestoreMode.REPLACE);
                    }
                }
            }
            plan.report(report);
        } else if (plan.target() instanceof RestoreTarget.File file) {
            List<RdbFileTarget.RdbSource> sources = new ArrayList<>();
            plan.backups().forEach(b -> b.archives().forEach(archive -> sources.add(archive::openRdb)));
            Path out = plan.request().dryRunRequested() ? plan.stagingDir().resolve("dry-run.rdb") : file.path();
            plan.report(RdbFileTarget.write(sources, out, plan.filter(), plan.counters()));
        } else {
            throw new RestoreRefusedException(Reason.INVALID_REQUEST, "unknown target " + plan.target());
        }
    }

    /** Notes whether reading the archive failed (decompression, a truncated or unreadable file). */
    private static final class ReadWatch extends FilterInputStream {
        boolean failed;

        ReadWatch(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }

    /**
     * An archive that turned out damaged while it loaded (its read or its framing failed). An
     * archive checked by checksum alone meets such a fault only now, after keys were written: the
     * message says so, and what to do.
     */
    private static RestoreRefusedException damagedWhileLoading(RestorePlan plan, RestorePlan.Backup backup,
            RestorePlan.Archive archive, RestoreTarget.Server server, IOException e) {
        String check = RestoreRequest.VERIFY_CHECKSUM.equals(plan.verified())
                ? " although its size and SHA-256 match its manifest (checked by checksum only: the archive was changed"
                        + " together with its manifest, or its backup passed a broken RDB)"
                : " after it passed its check (it changed in staging while the restore ran)";
        return new RestoreRefusedException(Reason.DAMAGED_WHILE_LOADING, backup.describe(archive) + " is damaged"
                + check + "; the load stopped there with " + plan.counters().restored() + " keys already written to "
                + server.uri().redacted() + ". Restore with \"verify\": \"full\" (--verify full) to refuse such an"
                + " archive before loading, or restore another backup (mode flush-first drops what was written): "
                + e.getMessage(), e);
    }
}
