package dev.caravan;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One artifact, two faces: with no arguments (or {@code serve}) Caravan runs as a service; with a
 * command ({@code verify}, {@code inspect}, ...) it runs that command and exits with its status.
 */
@QuarkusMain
public class CaravanMain {

    public static void main(String... args) {
        if (!CaravanApplication.isService(args)) {
            // A command at a shell must not bind the service's port, and its stdout is its output
            // (JSON for --json): the framework's own logging goes to stderr, warnings only.
            setIfAbsent("quarkus.http.host-enabled", "false");
            setIfAbsent("quarkus.banner.enabled", "false");
            setIfAbsent("quarkus.log.console.stderr", "true");
            setIfAbsent("quarkus.log.level", "WARN");
        }
        Quarkus.run(CaravanApplication.class, args);
    }

    /** Whether Caravan runs as the service (no arguments, or {@code serve}) rather than one command. */
    public static boolean isService(String... args) {
        return CaravanApplication.isService(args);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
