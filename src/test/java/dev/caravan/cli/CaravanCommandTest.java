package dev.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
class CaravanCommandTest {

    @Test
    @Launch({"--version"})
    void printsItsVersion(LaunchResult result) {
        assertThat(result.getOutput()).contains("caravan 0.1.0-SNAPSHOT");
    }

    @Test
    @Launch(value = {"no-such-command"}, exitCode = 2)
    void anUnknownCommandIsAUsageError(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("no-such-command");
    }
}
