package dev.caravan;

import dev.caravan.cli.CaravanCommand;
import dev.caravan.restore.RestoreTriggers;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import org.apache.camel.quarkus.core.CamelRuntime;
import picocli.CommandLine;

/** Runs the service until it is stopped, or one CLI command to its exit status. */
public class CaravanApplication implements QuarkusApplication {

    /** Exit status of a command that an error kept from running (see {@link CaravanCommand}). */
    static final int EXIT_ERROR = 3;

    @Inject
    CommandLine.IFactory factory;

    @Inject
    CamelRuntime camel;

    @Inject
    RestoreTriggers restoreTriggers;

    static boolean isService(String... args) {
        return args.length == 0 || (args.length == 1 && "serve".equals(args[0]));
    }

    @Override
    public int run(String... args) throws Exception {
        // A custom main starts Camel itself; the arguments are Caravan's, not Camel Main's.
        camel.start(new String[0]);
        if (isService(args)) {
            restoreTriggers.startConfigured();
            return camel.waitForExit();
        }
        try {
            return runCommand(args);
        } finally {
            camel.stop();
        }
    }

    private int runCommand(String... args) {
        CommandLine commandLine = new CommandLine(CaravanCommand.class, factory);
        // People at a shell get the reason, not a stack trace; the full trace goes to the log.
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            failed.getErr().println("caravan " + failed.getCommandName() + ": " + reason(e));
            org.jboss.logging.Logger.getLogger(CaravanApplication.class).debug("command failed", e);
            return EXIT_ERROR;
        });
        return commandLine.execute(args);
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
