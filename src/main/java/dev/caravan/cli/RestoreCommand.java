package dev.caravan.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.restore.RestoreJob;
import dev.caravan.restore.RestoreMode;
import dev.caravan.restore.RestoreRefusedException;
import dev.caravan.restore.RestoreRefusedException.Reason;
import dev.caravan.restore.RestoreRequest;
import dev.caravan.restore.RestoreResult;
import dev.caravan.restore.RestoreStatus;
import dev.caravan.restore.Restores;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.apache.camel.ProducerTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code caravan restore}: one restore through the {@code restore} route, with a progress line on
 * stderr while it runs and the result on stdout. The archive is fetched and verified before the
 * target is touched.
 */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Restores a backup (or merges several into a file) after verifying it before the target is"
                + " touched: size and SHA-256 against the manifest (its backup parsed the same bytes in full), and"
                + " decompression, CRC64 and a full parse too with --verify full or for an archive without a manifest.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:restored, keys per database match the manifest (less what the filters removed)",
            "1:the archive failed its checks, the target cannot take it, or the keys do not add up",
            "2:invalid arguments or request, or no such source, destination or backup",
            "3:an error: target or destinations unreachable, wrong password, target busy or failing"})
public class RestoreCommand implements Callable<Integer> {

    private static final Set<Reason> REFUSED_ARCHIVE = EnumSet.of(Reason.CORRUPT_ARCHIVE, Reason.DAMAGED_WHILE_LOADING,
            Reason.TARGET_INCOMPATIBLE);
    private static final Set<Reason> BAD_REQUEST = EnumSet.of(Reason.INVALID_REQUEST, Reason.NOT_FOUND);

    @Option(names = "--source", required = true, paramLabel = "NAME",
            description = "the configured source whose backups these are")
    String source;

    @Option(names = "--backup", required = true, paramLabel = "ID|latest",
            description = "a backup id or latest; give it again to merge several into a file (later ones win)")
    List<String> backups;

    @Option(names = "--from", paramLabel = "DEST",
            description = "the destination to fetch from (default: the first reachable one holding the backup)")
    String from;

    @Option(names = "--to", required = true, paramLabel = "URI|file:PATH",
            description = "redis://[user:password@]host:port, rediss://..., or file:PATH to write an RDB")
    String to;

    @Option(names = "--db", paramLabel = "N", description = "restore only this database of the backup (repeatable)")
    List<Integer> dbs;

    @Option(names = "--key", paramLabel = "GLOB", description = "restore only keys matching this glob (repeatable)")
    List<String> keys;

    @Option(names = "--key-regex", paramLabel = "REGEX", description = "restore only keys this regular expression finds")
    String keyRegex;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "restore only keys of this type: string, list, set, zset, hash, stream, module (repeatable)")
    List<String> types;

    @Option(names = "--remap", paramLabel = "FROM:TO", description = "restore database FROM into database TO (repeatable)")
    List<String> remaps;

    @Option(names = "--mode", defaultValue = "replace", paramLabel = "MODE",
            description = "replace (default), skip-existing, or flush-first (needs --confirm)")
    String mode;

    @Option(names = "--confirm", description = "confirm flush-first: the target's databases in scope are emptied first")
    boolean confirm;

    @Option(names = "--dry-run", description = "fetch, verify and count, but leave the target alone")
    boolean dryRun;

    @Option(names = "--verify", paramLabel = "full|checksum",
            description = "checksum: size and SHA-256 against the manifest, trusting the full check the backup made;"
                    + " full: decompress, CRC64 and a full parse besides, before the target is touched (a second pass"
                    + " over the RDB). Default: caravan.restore.verify (checksum)")
    String verify;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Taken when the command runs: Camel is still starting while the commands are built. */
    @Inject
    Provider<ProducerTemplate> routes;

    /** Asked for only to print JSON: making Jackson's mapper took 0.14 s of a command's start. */
    @Inject
    Provider<ObjectMapper> mapper;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RestoreRequest request = request();
        RestoreJob job = RestoreJob.create();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "restore-progress");
            thread.setDaemon(true);
            return thread;
        });
        Progress line = new Progress(err, System.console() != null);
        job.onPhase(line::show);
        progress.scheduleAtFixedRate(() -> line.show(job.status()), 250, 250, TimeUnit.MILLISECONDS);
        RestoreResult result;
        try {
            result = Restores.run(routes.get(), request, job);
        } catch (RestoreRefusedException e) {
            stop(progress, line, job);
            err.println("caravan restore: " + e.getMessage());
            err.flush();
            return REFUSED_ARCHIVE.contains(e.reason()) ? 1 : BAD_REQUEST.contains(e.reason()) ? 2 : 3;
        } catch (RuntimeException e) {
            stop(progress, line, job);
            err.println("caravan restore: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            err.flush();
            return 3;
        }
        stop(progress, line, job);
        if (json) {
            out.println(mapper.get().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } else {
            print(result, out);
        }
        out.flush();
        return result.checkPassed() ? 0 : 1;
    }

    private static void stop(ScheduledExecutorService progress, Progress line, RestoreJob job) {
        progress.shutdownNow();
        try {
            progress.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.finish(job.status());
    }

    private RestoreRequest request() {
        RestoreMode restoreMode;
        try {
            restoreMode = RestoreMode.of(mode);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--mode: " + e.getMessage());
        }
        Map<Integer, Integer> remap = null;
        if (remaps != null) {
            remap = new LinkedHashMap<>();
            for (String pair : remaps) {
                String[] parts = pair.split(":", -1);
                try {
                    if (parts.length != 2) {
                        throw new NumberFormatException();
                    }
                    remap.put(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                } catch (NumberFormatException e) {
                    throw new ParameterException(spec.commandLine(), "--remap " + pair
                            + ": give FROM:TO database numbers, e.g. 0:5");
                }
            }
        }
        RestoreRequest.Filter filter = dbs == null && keys == null && keyRegex == null && types == null ? null
                : new RestoreRequest.Filter(dbs, keys, keyRegex, types);
        boolean merge = backups.size() > 1;
        return new RestoreRequest(source, merge ? null : backups.get(0), merge ? backups : null, from, to, filter, remap,
                restoreMode, confirm ? Boolean.TRUE : null, dryRun ? Boolean.TRUE : null, verify);
    }

    private static void print(RestoreResult r, PrintWriter out) {
        out.println((r.dryRun() ? "dry run: nothing written; would restore " : "restored ") + "backup "
                + String.join(" + ", r.backups()) + " of source " + r.source() + " from " + r.from() + " into "
                + r.target() + " (" + r.targetServer() + ", mode " + r.mode() + ") in " + r.millis() + " ms");
        out.printf("  fetched %s, SHA-256 matches the manifest; RDB %s %s%n", Sizes.human(r.bytesFetched()),
                Sizes.human(r.rdbBytes()), RestoreRequest.VERIFY_CHECKSUM.equals(r.verified())
                        ? "checked in full by its backup, not parsed again (verify checksum)"
                        : "verified (decompressed, CRC64, full parse)");
        out.printf("  keys: %,d restored, %,d skipped (existing), %,d expired, %,d filtered out, %,d failed%n",
                r.keysRestored(), r.keysSkipped(), r.keysExpired(), r.keysFiltered(), r.keysFailed());
        for (RestoreResult.DatabaseCheck db : r.databases()) {
            out.printf("  db%d: %s%,d restored, %,d skipped, %,d expired, %,d failed  %s%n", db.db(),
                    db.expected() >= 0 ? String.format("%,d expected, ", db.expected()) : "", db.restored(),
                    db.skipped(), db.expired(), db.failed(), db.ok() ? "ok" : "MISMATCH");
        }
        out.println((r.checkPassed() ? "check passed: " : "check FAILED: ") + r.check());
        if (!r.phaseMillis().isEmpty()) {
            out.println("  time: " + r.phasesInWords());
        }
    }

    /**
     * The progress line: refreshed in place on a terminal; elsewhere (a CronJob's log) one line as
     * each phase starts and then at most every ten seconds.
     */
    static final class Progress {
        private final PrintWriter err;
        private final boolean terminal;
        private RestoreJob.Phase shown;
        private long lastPrinted;
        private int width;

        Progress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        synchronized void show(RestoreStatus status) {
            if (status.phase() == RestoreJob.Phase.DONE || status.phase() == RestoreJob.Phase.FAILED) {
                return;
            }
            long now = System.nanoTime();
            boolean phaseChanged = status.phase() != shown;
            if (!terminal && !phaseChanged && now - lastPrinted < TimeUnit.SECONDS.toNanos(10)) {
                return;
            }
            String text = describe(status);
            if (terminal) {
                err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
                width = text.length();
            } else {
                err.println(text);
            }
            err.flush();
            shown = status.phase();
            lastPrinted = now;
        }

        synchronized void finish(RestoreStatus status) {
            if (terminal && width > 0) {
                err.print("\r" + " ".repeat(width) + "\r");
                err.flush();
            }
        }

        static String describe(RestoreStatus s) {
            List<String> parts = new ArrayList<>();
            parts.add(s.phase().name().toLowerCase(Locale.ROOT));
            if (s.bytesDone() > 0 || s.bytesTotal() > 0) {
                parts.add(Sizes.human(s.bytesDone()) + (s.bytesTotal() > 0 ? " of " + Sizes.human(s.bytesTotal()) : ""));
            }
            if (s.keysRestored() + s.keysSkipped() + s.keysFailed() > 0) {
                parts.add(String.format("%,d keys restored, %,d skipped, %,d failed", s.keysRestored(), s.keysSkipped(),
                        s.keysFailed()));
            }
            if (s.bytesPerSecond() > 0) {
                parts.add(Sizes.human(s.bytesPerSecond()) + "/s");
            }
            if (s.etaSeconds() != null) {
                parts.add("eta " + s.etaSeconds() + " s");
            }
            return "restore: " + String.join(", ", parts);
        }
    }
}
