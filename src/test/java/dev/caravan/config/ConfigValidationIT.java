package dev.caravan.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
    void aDestinationTypeWithoutItsPublishRouteStopsStartUp() {
        PackagedApp.Result r = PackagedApp.run(List.of(
                "-Dcamel.main.routes-include-pattern=classpath:routes/backup.camel.yaml,classpath:routes/checks.camel.yaml"),
                "verify", SAMPLE);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("caravan.destinations.local.type=local has no route"
                + " direct:publish-local");
    }

    @Test
    void aValidScheduleIsAcceptedAndACommandDoesNotStartIt() {
        // Caravan's own INFO lines reach a command's stderr: the service would log the schedule here.
        PackagedApp.Result r = PackagedApp.run(List.of("-Dcaravan.sources.main.schedule=* * * * * ?"), "verify", SAMPLE);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout() + r.stderr()).doesNotContain("on the schedule").doesNotContain("scheduled backup");
    }
}
