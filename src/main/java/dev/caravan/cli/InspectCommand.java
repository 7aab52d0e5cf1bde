package dev.caravan.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.archive.InspectReport;
import dev.caravan.archive.InspectRequest;
import dev.caravan.archive.InspectReport.DbCount;
import dev.caravan.archive.InspectReport.KeyInfo;
import dev.caravan.archive.InspectRequest.KeyListener;
import dev.caravan.archive.InspectReport.TypeCount;
import dev.caravan.config.CaravanConfig;
import dev.caravan.filter.KeyGlob;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.apache.camel.ProducerTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code caravan inspect FILE}: what a snapshot holds, through the {@code inspect} route. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Shows what an RDB snapshot holds: version, aux fields, keys per db and type, the largest keys.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:invalid arguments", "3:the file could not be read or is not a valid RDB"})
public class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the RDB file")
    Path file;

    @Option(names = "--json", description = "print JSON: the report, or with --keys one object per key and line")
    boolean json;

    @Option(names = "--keys", paramLabel = "PATTERN",
            description = "list the keys matching a Redis glob (* ? [abc] \\\\x) with type, TTL and serialized size")
    String keys;

    @Option(names = "--largest", paramLabel = "N",
            description = "how many of the largest keys to name (default: caravan.inspect.largest-keys)")
    Integer largest;

    @Spec
    CommandSpec spec;

    /** Taken when the command runs: Camel is still starting while the commands are built. */
    @Inject
    Provider<ProducerTemplate> routes;

    /** Asked for only to print JSON: making Jackson's mapper took 0.14 s of a command's start. */
    @Inject
    Provider<ObjectMapper> mapper;

    @Inject
    CaravanConfig config;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int n = largest != null ? largest : config.inspect().largestKeys();
        if (keys == null) {
            InspectReport report = routes.get().requestBody("direct:inspect", InspectRequest.summary(file, n),
                    InspectReport.class);
            if (json) {
                out.println(mapper.get().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } else {
                printSummary(out, report);
            }
            out.flush();
            return 0;
        }
        AtomicLong matched = new AtomicLong();
        long now = System.currentTimeMillis();
        ObjectMapper lines = json ? mapper.get() : null;
        KeyListener listener = key -> {
            matched.incrementAndGet();
            out.println(lines != null ? lines.writeValueAsString(key) : keyLine(key, now));
        };
        if (!json) {
            out.println(String.format("%-4s %-22s %-12s %10s  %s", "db", "type/encoding", "ttl", "size", "key"));
        }
        routes.get().requestBody("direct:inspect", new InspectRequest(file, 0, KeyGlob.of(keys), listener));
        if (!json) {
            out.println(matched.get() + " keys match " + keys);
        }
        out.flush();
        return 0;
    }

    private static void printSummary(PrintWriter out, InspectReport r) {
        out.println(r.file());
        out.printf("  %s RDB %d, %s, %s%n", r.magic(), r.rdbVersion(), Sizes.human(r.bytes()), r.checksum());
        out.printf("  %,d keys, %,d expiring%n", r.keys(), r.expiringKeys());
        if (!r.aux().isEmpty()) {
            out.println("  aux:");
            for (Map.Entry<String, String> aux : r.aux().entrySet()) {
                out.printf("    %-16s %s%s%n", aux.getKey(), aux.getValue(), auxHint(aux.getKey(), aux.getValue()));
            }
        }
        if (r.functions() > 0) {
            out.printf("  function libraries: %d%n", r.functions());
        }
        if (!r.modules().isEmpty()) {
            out.println("  modules: " + String.join(", ", r.modules()));
        }
        for (DbCount db : r.dbs()) {
            out.printf("  db %d: %,d keys, %,d expiring%n", db.db(), db.keys(), db.expiringKeys());
            for (Map.Entry<String, TypeCount> type : db.types().entrySet()) {
                TypeCount c = type.getValue();
                out.printf("    %-8s %,10d keys %,10d expiring %12s%n", type.getKey(), c.keys(), c.expiringKeys(),
                        Sizes.human(c.bytes()));
            }
        }
        if (!r.largestKeys().isEmpty()) {
            out.println("  largest keys:");
            for (KeyInfo k : r.largestKeys()) {
                out.printf("    %10s  db %-3d %-22s %s%n", Sizes.human(k.bytes()), k.db(),
                        k.type() + "/" + k.encoding(), k.key());
            }
        }
    }

    /** Seconds since the epoch are hard to read during an incident. */
    private static String auxHint(String key, String value) {
        if (key.equals("ctime")) {
            try {
                return "  (" + Instant.ofEpochSecond(Long.parseLong(value)) + ")";
            } catch (NumberFormatException e) {
                return "";
            }
        }
        if (key.equals("used-mem")) {
            try {
                return "  (" + Sizes.human(Long.parseLong(value)) + ")";
            } catch (NumberFormatException e) {
                return "";
            }
        }
        return "";
    }

    static String keyLine(KeyInfo k, long nowMs) {
        return String.format("%-4d %-22s %-12s %10s  %s", k.db(), k.type() + "/" + k.encoding(),
                ttl(k.expireAtMs(), nowMs), Sizes.human(k.bytes()), k.key());
    }

    /** Time left until the key expires, counted from now; a snapshot's keys may be past it already. */
    static String ttl(Long expireAtMs, long nowMs) {
        if (expireAtMs == null) {
            return "-";
        }
        long left = expireAtMs - nowMs;
        if (left <= 0) {
            return "expired";
        }
        Duration d = Duration.ofMillis(left);
        if (d.toDays() > 0) {
            return d.toDays() + "d" + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }
}
