package dev.caravan.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.archive.VerifyReport;
import dev.caravan.archive.VerifyReport.Outcome;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.apache.camel.ProducerTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code caravan verify FILE...}: one verdict per file, through the {@code verify} route. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verifies RDB snapshot files: header, every record and nested encoding, CRC64.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is valid", "1:at least one file is invalid",
            "2:invalid arguments", "3:a file could not be read"})
public class VerifyCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "RDB files to verify")
    List<Path> files;

    @Option(names = "--json", description = "print the reports as a JSON array")
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
        List<VerifyReport> reports = new ArrayList<>();
        for (Path file : files) {
            VerifyReport report = routes.get().requestBody("direct:verify", file, VerifyReport.class);
            reports.add(report);
            if (!json) {
                out.println(line(report));
                out.flush();
            }
        }
        if (json) {
            out.println(mapper.get().writerWithDefaultPrettyPrinter().writeValueAsString(reports));
        } else if (reports.size() > 1) {
            long valid = reports.stream().filter(VerifyReport::valid).count();
            out.println(valid + " of " + reports.size() + " files valid");
        }
        out.flush();
        if (reports.stream().anyMatch(r -> r.outcome() == Outcome.UNREADABLE)) {
            return 3;
        }
        return reports.stream().allMatch(VerifyReport::valid) ? 0 : 1;
    }

    static String line(VerifyReport r) {
        return switch (r.outcome()) {
            case VALID -> String.format("OK    %s: %s RDB %d, %,d keys (%,d expiring), %s, %s%s",
                    r.file(), r.magic(), r.rdbVersion(), r.keys(), r.expiringKeys(), Sizes.human(r.bytes()),
                    r.checksum(), rate(r));
            case INVALID -> "FAIL  " + r.file() + ": " + r.error();
            case UNREADABLE -> "ERROR " + r.error();
        };
    }

    /** A rate is only worth printing when the read took long enough to measure. */
    private static String rate(VerifyReport r) {
        return r.elapsedMillis() >= 100 ? String.format(", %.0f MB/s", r.megabytesPerSecond()) : "";
    }
}
