package dev.caravan;

import dev.caravan.cli.CaravanCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Runs the service until it is stopped, or one CLI command to its exit status. */
public class CaravanApplication implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    static boolean isService(String... args) {
        return args.length == 0 || (args.length == 1 && "serve".equals(args[0]));
    }

    @Override
    public int run(String... args) {
        if (isService(args)) {
            Quarkus.waitForExit();
            return 0;
        }
        return new CommandLine(CaravanCommand.class, factory).execute(args);
    }
}
