package dev.caravan.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import dev.caravan.archive.VerifyReport.Outcome;
import dev.caravan.rdb.RdbFormatException;
import dev.caravan.rdb.RdbParser;
import dev.caravan.rdb.RdbSummary;
import dev.caravan.rdb.RdbVisitor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * Verifies a snapshot file in one streaming pass: the header, every record and nested encoding
 * (the validate visitor), and the CRC64 trailer. Nothing is trusted until this says VALID.
 */
@ApplicationScoped
@Named("snapshotVerifier")
public class SnapshotVerifier {

    /** The validate visitor: every callback is a no-op, so each value is checked but never built. */
    private static final RdbVisitor VALIDATE_ONLY = new RdbVisitor() {
    };

    public VerifyReport verify(Path file) {
        long started = System.nanoTime();
        long size = sizeOrZero(file);
        try (InputStream in = Files.newInputStream(file)) {
            RdbSummary summary = new RdbParser(in).checkingInParallel().parse(VALIDATE_ONLY);
            return new VerifyReport(file.toString(), Outcome.VALID, summary.magic(), summary.version(),
                    summary.bytes(), summary.keys(), summary.expiringKeys(), describe(summary), null,
                    millisSince(started));
        } catch (RdbFormatException e) {
            return new VerifyReport(file.toString(), Outcome.INVALID, null, null, size, 0, 0, null,
                    e.getMessage(), millisSince(started));
        } catch (NoSuchFileException e) {
            return unreadable(file, started, "no such file");
        } catch (IOException e) {
            return unreadable(file, started, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    static String describe(RdbSummary summary) {
        return switch (summary.checksum()) {
            case VERIFIED -> String.format("CRC64 %016x verified", summary.storedChecksum());
            case DISABLED -> "no CRC64 (written with rdbchecksum no)";
            case ABSENT -> "no CRC64 (RDB version " + summary.version() + " has none)";
            case NOT_CHECKED -> String.format("CRC64 %016x not computed (a framing-only pass)", summary.storedChecksum());
        };
    }

    private static VerifyReport unreadable(Path file, long started, String why) {
        return new VerifyReport(file.toString(), Outcome.UNREADABLE, null, null, 0, 0, 0, null,
                "cannot read " + file + ": " + why, millisSince(started));
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
