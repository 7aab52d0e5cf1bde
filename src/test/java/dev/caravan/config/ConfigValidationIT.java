package dev.caravan.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.caravan.testing.PackagedApp;
import org.junit.jupiter.api.Test;

/** The packaged application refuses bad configuration at start-up, naming the key. */
class ConfigValidationIT {

    private static final String SAMPLE = "samples/redis-7.0-sample.rdb";

    @Test
    void aMisspeltKeyUnderCaravanStopsStartUp() {
        PackagedApp.Result r = PackagedApp.run(List.of("-Dcaravan.inspekt.largest-keys=3"), "verify", SAMPLE);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("caravan.inspekt.largest-keys");
    }

    @Test
    void anOutOfRangeValueStopsStartUpWithTheKeyAndTheBound() {
        PackagedApp.Result r = PackagedApp.run(List.of("-Dcaravan.inspect.largest-keys=-1"), "verify", SAMPLE);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("caravan.inspect.largest-keys").contains("0");
    }

    @Test
    void aValidOverrideIsAccepted() {
        PackagedApp.Result r = PackagedApp.run(List.of("-Dcaravan.inspect.largest-keys=3"), "verify", SAMPLE);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }

    @Test
    void aScheduleThatIsNotACronExpressionStopsStartUpNamingTheKey() {
        PackagedApp.Result r = PackagedApp.run(List.of("-Dcaravan.sources.main.schedule=every night"), "verify", SAMPLE);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("caravan.sources.main.schedule: 'every night' is not a Quartz"
                + " cron expression");
    }

    @Test
    void aDestinationTypeWithoutItsPublishRouteStopsStartUpWhereBackupsAreMade() {
        List<String> noPublishRoutes = List.of(
                "-Dcamel.main.routes-include-pattern=classpath:routes/backup.camel.yaml,classpath:routes/checks.camel.yaml");
        PackagedApp.Result r = PackagedApp.run(noPublishRoutes, "backup", "--once");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("caravan.destinations.local.type=local has no route"
                + " direct:publish-local");
        // verify makes no backup, and loads neither file
        PackagedApp.Result verify = PackagedApp.run(noPublishRoutes, "verify", SAMPLE);
        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
    }

    @Test
    void aCommandLoadsOnlyTheRoutesOfItsOwnPipelinesAndTheLeftOutFilesCanBeChanged() {
        List<String> camelInfo = List.of("-Dquarkus.log.category.\"org.apache.camel\".level=INFO");
        PackagedApp.Result verify = PackagedApp.run(camelInfo, "verify", SAMPLE);
        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        assertThat(verify.stderr()).contains("Routes startup (total:2)").contains("Started verify (direct://verify)")
                .contains("Started inspect (direct://inspect)").doesNotContain("Started restore");

        // set in the environment, as a container would: the command keeps it
        PackagedApp.Result all = PackagedApp.run(Map.of("CAMEL_MAIN_ROUTES_EXCLUDE_PATTERN", "false"), camelInfo,
                "verify", SAMPLE);
        assertThat(all.exitCode()).as(all.stderr()).isZero();
        assertThat(all.stderr()).contains("Started verify (direct://verify)").contains("Started restore (direct://restore)")
                .contains("Started backup (direct://backup)");
    }

    @Test
    void aValidScheduleIsAcceptedAndACommandDoesNotStartIt() {
        // Caravan's own INFO lines reach a command's stderr: the service would log the schedule here.
        PackagedApp.Result r = PackagedApp.run(List.of("-Dcaravan.sources.main.schedule=* * * * * ?"), "verify", SAMPLE);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout() + r.stderr()).doesNotContain("on the schedule").doesNotContain("scheduled backup");
    }
}
