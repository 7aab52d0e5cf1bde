package dev.caravan.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.caravan.archive.BackupId;
import dev.caravan.archive.ManifestFile;
import dev.caravan.backup.BackupProgress;
import dev.caravan.backup.BackupRequest;
import dev.caravan.backup.BackupResult;
import dev.caravan.backup.PublishResult;
import dev.caravan.backup.SnapshotRefusedException;
import dev.caravan.redis.SnapshotException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code caravan backup --once [--source NAME]}: one backup through the {@code backup} route. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Backs up a configured source to every configured destination.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the backup meets the policy", "1:it does not (copies failed, or the snapshot was refused)",
            "2:invalid arguments", "3:an error before any destination (configuration, Redis unreachable, password)"})
public class BackupCommand implements Callable<Integer> {

    private static final Set<SnapshotException.Kind> UNREACHABLE = EnumSet.of(SnapshotException.Kind.CONNECTION_REFUSED,
            SnapshotException.Kind.UNKNOWN_HOST, SnapshotException.Kind.TIMEOUT);

    @Option(names = "--once", required = true,
            description = "run one backup now and exit (scheduled backups are the service's)")
    boolean once;

    @Option(names = "--source", defaultValue = "main", description = "the configured source (default: ${DEFAULT-VALUE})")
    String source;

    @Spec
    CommandSpec spec;

    /** Taken when the command runs: Camel is still starting while the commands are built. */
    @Inject
    Provider<ProducerTemplate> routes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.println("backing up source '" + source + "'...");
        err.flush();
        BackupProgress progress = new BackupProgress(BackupId.generate(Clock.systemUTC()), Clock.systemUTC());
        Exchange done;
        try (ProgressBar bar = new ProgressBar(progress, err, System.console() != null)) {
            done = routes.get().request("direct:backup", exchange -> {
                exchange.getMessage().setBody(new BackupRequest(source));
                exchange.setProperty(BackupProgress.PROPERTY, progress);
            });
        }
        if (done.getException() != null) {
            Throwable cause = done.getException();
            err.println("caravan backup: " + cause.getMessage());
            if (cause instanceof SnapshotException snapshot && UNREACHABLE.contains(snapshot.kind())) {
                err.println("hint: the source is caravan.sources." + source + ".uri (environment: CARAVAN_SOURCES_"
                        + source.toUpperCase(java.util.Locale.ROOT) + "_URI); to try Caravan without a Redis, run"
                        + " verify or inspect on samples/redis-7.0-sample.rdb");
            }
            err.flush();
            return cause instanceof SnapshotRefusedException ? 1 : 3;
        }
        BackupResult result = done.getMessage().getBody(BackupResult.class);
        print(result, out);
        out.flush();
        return result.policyMet() ? 0 : 1;
    }

    private static void print(BackupResult r, PrintWriter out) {
        out.println("backup " + r.manifest().id() + " of source " + r.manifest().source().name() + " ("
                + r.manifest().source().uri() + ", Redis " + r.manifest().redis().version() + ", RDB "
                + r.manifest().redis().rdbVersion() + ")");
        if (!r.manifest().pointInTime()) {
            out.printf("  %s mode: not a point in time; %,d keys vanished between SCAN and DUMP (skipped)%n",
                    r.manifest().mode(), r.vanishedKeys());
        }
        for (ManifestFile f : r.manifest().files()) {
            out.printf("  %s: RDB %s -> %s %s in %d ms%s, sha256 %s%n", f.file(), Sizes.human(f.rdbSize()), f.codec(),
                    Sizes.human(f.size()), r.pullMillis(), rate(r), f.sha256());
            if (f.databases().isEmpty()) {
                out.println("  no keys");
            }
            for (ManifestFile.DatabaseKeys db : f.databases()) {
                out.printf("  db%d: %,d keys (%,d expiring) %s%n", db.db(), db.keys(), db.expiringKeys(),
                        new java.util.TreeMap<>(db.keysByType()));
            }
        }
        for (int i = 0; i < r.copies().size(); i++) {
            PublishResult c = r.copies().get(i);
            out.println(c.ok()
                    ? "  OK    " + c.destination() + ": " + r.locations().get(i) + " (" + attempts(c) + ")"
                    : "  FAIL  " + c.destination() + ": " + c.error());
        }
        long ok = r.copies().stream().filter(PublishResult::ok).count();
        out.println((r.policyMet() ? "policy " : "policy NOT met: ") + r.policy().name().toLowerCase(java.util.Locale.ROOT)
                + ", " + ok + " of " + r.copies().size() + " copies");
    }

    /** A rate is only worth printing when the pass took long enough to measure. */
    private static String rate(BackupResult r) {
        return r.pullMillis() >= 100 ? String.format(" (%.0f MB/s)", r.megabytesPerSecond()) : "";
    }

    private static String attempts(PublishResult c) {
        return c.attempts() == 1 ? "1 attempt" : c.attempts() + " attempts";
    }
}
