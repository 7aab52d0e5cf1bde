package dev.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/**
 * A command starts Camel beside building its own model (CaravanApplication): when Camel cannot
 * start, the command does not run, and says why with the status of an error that kept it from
 * running.
 */
@QuarkusMainTest
@TestProfile(CamelStartFailureTest.UnbuildableRoute.class)
class CamelStartFailureTest {

    public static class UnbuildableRoute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("camel.main.routes-include-pattern",
                    "classpath:routes/checks.camel.yaml,file:src/test/resources/broken-routes/unknown-component.camel.yaml");
        }
    }

    @Test
    @Launch(value = {"verify", "samples/redis-7.0-sample.rdb"}, exitCode = 3)
    void aCommandWhoseRoutesCannotStartExitsWith3AndTheReason(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("caravan verify: ").contains("no-such-component");
        assertThat(result.getOutput()).doesNotContain("OK");
    }
}
