package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.redis.RedisUri;
import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loader never has more than {@code window} commands without a reply, and does pipeline up
 * to it: counted by a proxy that follows the RESP stream between loader and a real server.
 */
class WindowTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 16})
    void commandsInFlightStayWithinTheWindow(int window) throws IOException {
        try (RedisServerFixture source = RedisServerFixture.start(); RedisServerFixture target = RedisServerFixture.start()) {
            int keys = Datasets.seedEveryType(source);
            Path dump = source.save();
            try (RespCountingProxy proxy = new RespCountingProxy(target.port())) {
                LoadReport report = new RedisLoader().load(dump, RedisUri.parse("redis://127.0.0.1:" + proxy.port()),
                        LoadOptions.defaults().withWindow(window), new LoadCounters());
                assertThat(report.restored()).isEqualTo(keys);
                assertThat(proxy.commands()).isGreaterThan(keys);
                assertThat(proxy.maxInFlight()).isLessThanOrEqualTo(window);
                if (window > 1) {
                    assertThat(proxy.maxInFlight()).as("pipelined").isGreaterThan(1);
                }
            }
            assertThat(target.digest()).isEqualTo(source.digest());
        }
    }
}
