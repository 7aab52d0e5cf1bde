package dev.caravan;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which routes files a CLI command can leave unloaded: each command runs through its own pipelines
 * (routes/*.camel.yaml), and reading, building and starting the others took about 0.4 s of a
 * {@code verify}'s 2.1 s start on two cores (measured); the service's triggers (the HTTP APIs,
 * the schedules, the message consumer and the inbox) another 0.2 s of a {@code restore}'s 1.9 s.
 * The service loads every file. The patterns are Camel Main's {@code routes-exclude-pattern}s,
 * matched by file name, so they hold whatever {@code routes-include-pattern} points at; a routes
 * file not named here is loaded by every command.
 */
final class CommandRoutes {

    /** Every routes file a command may leave out. */
    private static final List<String> FILES = List.of("backup", "backup-triggers", "publish", "restore",
            "restore-triggers", "checks");

    /** The files each command runs through; the triggers (HTTP, schedules, messages, inbox) are the service's. */
    private static final Map<String, List<String>> KEPT = Map.of(
            "verify", List.of("checks"),
            "inspect", List.of("checks"),
            "backup", List.of("backup", "publish"),
            "restore", List.of("restore"));

    private CommandRoutes() {
    }

    /**
     * @param args the command line
     * @return the exclude pattern for the command the arguments name, or null when they name none
     *         that is known (help, a version, a typo: nothing is left out)
     */
    static String leftOut(String... args) {
        List<String> kept = args.length == 0 ? null : KEPT.get(args[0]);
        if (kept == null) {
            return null;
        }
        return FILES.stream().filter(f -> !kept.contains(f)).map(f -> "**/" + f + ".camel.yaml")
                .collect(Collectors.joining(","));
    }
}
