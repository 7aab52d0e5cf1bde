package dev.caravan.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.arc.Arc;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.quarkus.core.CamelRuntime;

import dev.caravan.backup.BackupRequest;
import dev.caravan.backup.BackupResult;
import dev.caravan.testing.PackagedApp;

/**
 * Backups for the restore trigger tests to restore: the seeded source {@code main}
 * (RedisSourceResource) backed up to every configured destination by the real backup route,
 * called in the test application ({@code @QuarkusTest}), or by the packaged application's
 * {@code backup --once} beside the running service (the {@code IT} variants, whose test JVM holds
 * the test resources' configuration as system properties).
 */
final class TriggerBackups {

    private static final Pattern BACKUP_ID = Pattern.compile("backup (\\d{8}T\\d{6}Z-[0-9a-f]{4}) of source main");

    private TriggerBackups() {
    }

    /**
     * Starts Camel and the configured triggers as the service does, in a {@code @QuarkusTest},
     * where no CaravanApplication runs to start them.
     */
    static void startService() throws Exception {
        CamelContext context = Arc.container().instance(CamelContext.class).get();
        if (!context.isStarted()) {
            Arc.container().instance(CamelRuntime.class).get().start(new String[0]);
            Arc.container().instance(RestoreTriggers.class).get().startConfigured();
        }
    }

    /** Backs up {@code main} through {@code direct:backup} in this JVM; returns the backup id. */
    static String inThisApplication() {
        ProducerTemplate producer = Arc.container().instance(ProducerTemplate.class).get();
        BackupResult result = producer.requestBody("direct:backup", new BackupRequest("main"), BackupResult.class);
        return result.manifest().id().toString();
    }

    /**
     * Backs up {@code main} with the packaged application's CLI; returns the backup id. It gets
     * the configuration the service got: the test resources' properties, which the integration
     * test extension sets in this JVM, and the AWS SDK's checksum settings that S3TestResource
     * sets for S3Proxy.
     */
    static String withThePackagedApplication() {
        List<String> properties = new ArrayList<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("caravan.") || name.startsWith("aws."))
                .forEach(name -> properties.add("-D" + name + "=" + System.getProperty(name)));
        PackagedApp.Result result = PackagedApp.run(properties, "backup", "--once", "--source", "main");
        Matcher id = BACKUP_ID.matcher(result.stdout());
        if (result.exitCode() != 0 || !id.find()) {
            throw new IllegalStateException("backup --once failed (" + result.exitCode() + "): " + result.stdout()
                    + result.stderr());
        }
        return id.group(1);
    }

    /**
     * Clears the test resources' {@code caravan.*} properties from this JVM after an integration
     * test class: the extension leaves them set until the whole run ends, and the next class's
     * backup would otherwise inherit keys its own resources do not set (a prefix, destinations).
     */
    static void forgetTheConfiguration() {
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("caravan."))
                .forEach(System::clearProperty);
    }
}
