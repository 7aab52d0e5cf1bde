package dev.caravan.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.caravan.testing.PackagedApp;
import org.junit.jupiter.api.Test;

/**
 * The packaged application starts on exactly the environment that {@code docker/compose.yaml}
 * gives the {@code caravan} service (interpolated from {@code docker/.env.example}): start-up
 * validates every destination, so a key missing for its type stops it with the key's name.
 */
class ComposeConfigIT {

    private static final String SAMPLE = "samples/redis-7.0-sample.rdb";

    @Test
    void theComposeEnvironmentIsAValidConfiguration() {
        PackagedApp.Result result = PackagedApp.run(composeEnvironment(), List.of(), "verify", SAMPLE);
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("OK    " + SAMPLE);
    }

    /** The control: the environment does reach the configuration. */
    @Test
    void withoutTheSftpUserTheSameEnvironmentIsRefusedNamingTheDestination() {
        Map<String, String> env = composeEnvironment();
        env.remove("CARAVAN_DESTINATIONS_REMOTE_SFTP_USERNAME");
        PackagedApp.Result result = PackagedApp.run(env, List.of(), "verify", SAMPLE);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout() + result.stderr()).contains("caravan.destinations.remote.sftp");
    }

    private static Map<String, String> composeEnvironment() {
        Map<String, String> example = ComposeFile.envExample();
        Map<String, String> env = new HashMap<>();
        ComposeFile.read().environment("caravan").forEach((name, value) ->
                env.put(name, ComposeFile.interpolate(value, example)));
        return env;
    }
}
