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
}
