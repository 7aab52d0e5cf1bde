package dev.caravan;

import java.util.Map;

/**
 * Which routes files a CLI command can leave unloaded: each command runs through its own pipelines
 * (routes/*.camel.yaml), and reading, building and starting the others took about 0.4 s of a
 * {@code verify}'s 2.1 s start on two cores (measured). The service loads every file. The patterns
 * are Camel Main's {@code routes-exclude-pattern}s, matched by file name, so they hold whatever
 * {@code routes-include-pattern} points at; a routes file not named here is loaded by every
 * command.
 */
final class CommandRoutes {

    private static final String BACKUP = "**/backup.camel.yaml";
    private static final String PUBLISH = "**/publish.camel.yaml";
    private static final String RESTORE = "**/restore.camel.yaml";
    private static final String CHECKS = "**/checks.camel.yaml";

    private static final Map<String, String> LEFT_OUT = Map.of(
            "verify", String.join(",", BACKUP, PUBLISH, RESTORE),
            "inspect", String.join(",", BACKUP, PUBLISH, RESTORE),
            "backup", String.join(",", RESTORE, CHECKS),
            "restore", String.join(",", BACKUP, PUBLISH, CHECKS));

    private CommandRoutes() {
    }

    /**
     * @param args the command line
     * @return the exclude pattern for the command the arguments name, or null when they name none
     *         that is known (help, a version, a typo: nothing is left out)
     */
    static String leftOut(String... args) {
        return args.length == 0 ? null : LEFT_OUT.get(args[0]);
    }
}
