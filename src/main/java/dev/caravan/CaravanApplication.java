package dev.caravan;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
        if (isService(args)) {
            // A custom main starts Camel itself; the arguments are Caravan's, not Camel Main's.
            camel.start(new String[0]);
            restoreTriggers.startConfigured();
            return camel.waitForExit();
        }
        // Camel's start and the command's model (picocli reads the commands' annotations) do not
        // depend on each other: Camel starts on a thread of its own while this one builds the model
        // and parses the arguments, and the command runs once both are done.
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                camel.start(new String[0]);
                started.complete(null);
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, "caravan-camel-start");
        starter.start();
        try {
            return runCommand(started, args);
        } finally {
            starter.join();
            camel.stop();
        }
    }

    private int runCommand(CompletableFuture<Void> camelStarted, String... args) {
        CommandLine commandLine = new CommandLine(CaravanCommand.class, factory);
        // People at a shell get the reason, not a stack trace; the full trace goes to the log.
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            failed.getErr().println("caravan " + failed.getCommandName() + ": " + reason(e));
            org.jboss.logging.Logger.getLogger(CaravanApplication.class).debug("command failed", e);
            return EXIT_ERROR;
        });
        commandLine.setExecutionStrategy(parseResult -> {
            List<CommandLine> commands = parseResult.asCommandLineList();
            awaitStart(camelStarted, commands.get(commands.size() - 1));
            return new CommandLine.RunLast().execute(parseResult);
        });
        return commandLine.execute(args);
    }

    /**
     * Waits for Camel's start. If it failed, that is the command's error (exit status
     * {@value #EXIT_ERROR}, the reason on stderr), as an exception from the command itself would be.
     */
    private static void awaitStart(CompletableFuture<Void> started, CommandLine command) {
        try {
            started.join();
        } catch (CompletionException e) {
            throw new CommandLine.ExecutionException(command, "Camel did not start", e.getCause());
        }
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
