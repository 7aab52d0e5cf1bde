package dev.caravan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One artifact, two faces: with no arguments (or {@code serve}) Caravan runs as a service; with a
 * command ({@code verify}, {@code inspect}, ...) it runs that command and exits with its status.
 */
@QuarkusMain
public class CaravanMain {

    /**
     * Routes that only the service needs: the HTTP API's (REST DSL) and the job queues behind it.
     * A command does not start them, so it does not wait at its exit for their consumers to stop
     * (each queue's consumers poll for a second: about 3 s of every command's run, measured).
     */
    static final String SERVICE_ONLY_ROUTES = "rest:*,seda:*";

    public static void main(String... args) {
        List<String> commandOnly = new ArrayList<>();
        if (!CaravanApplication.isService(args)) {
            // A command at a shell must not bind the service's port, and its stdout is its output
            // (JSON for --json): the framework's own logging goes to stderr, warnings only.
            setIfAbsent("quarkus.http.host-enabled", "false", null);
            setIfAbsent("quarkus.banner.enabled", "false", null);
            setIfAbsent("quarkus.log.console.stderr", "true", null);
            setIfAbsent("quarkus.log.level", "WARN", null);
            setIfAbsent("camel.main.auto-startup-exclude-pattern", SERVICE_ONLY_ROUTES, commandOnly);
            String leftOut = CommandRoutes.leftOut(args);
            if (leftOut != null) {
                setIfAbsent("camel.main.routes-exclude-pattern", leftOut, commandOnly);
            }
            // A command schedules nothing: Quartz gets no worker threads and is not started, so
            // its shutdown does not wait for idle workers (about 0.35 s, measured).
            setIfAbsent("camel.component.quartz.auto-start-scheduler", "false", commandOnly);
            setIfAbsent("camel.component.quartz.properties[org.quartz.threadPool.class]",
                    "org.quartz.simpl.ZeroSizeThreadPool", commandOnly);
            // Nor does it enlist that idle scheduler in JMX (about 40 ms of MXBean introspection).
            setIfAbsent("camel.component.quartz.enable-jmx", "false", commandOnly);
        }
        try {
            Quarkus.run(CaravanApplication.class, args);
        } finally {
            // Where the JVM outlives the command (a test's launcher), a service started next in it
            // must start its routes and schedules.
            commandOnly.forEach(System::clearProperty);
        }
    }

    /** Whether Caravan runs as the service (no arguments, or {@code serve}) rather than one command. */
    public static boolean isService(String... args) {
        return CaravanApplication.isService(args);
    }

    /** The name under which MicroProfile Config looks a property up in the environment. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Sets a default unless the property is set already, as a system property or in the environment. */
    private static void setIfAbsent(String key, String value, List<String> cleared) {
        if (System.getProperty(key) == null && System.getenv(environmentName(key)) == null) {
            System.setProperty(key, value);
            if (cleared != null) {
                cleared.add(key);
            }
        }
    }
}
