package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.caravan.testing.MqttBrokerTestResource;
import dev.caravan.testing.MqttBrokerTestResource.Client.Received;

/**
 * The message trigger when its connection is cut after the broker accepted it, as the trigger
 * subscribes (a proxy in front of Moquette cuts the first one): the trigger tries again after
 * {@value RestoreTriggers#RETRY_SECONDS} s with a new client, and the failed try's client is
 * closed. Left open, Paho would reconnect it under the same client id, and the two clients would
 * displace each other from the broker for as long as the service runs.
 */
@QuarkusTest
@WithTestResource(value = MqttBrokerTestResource.class,
        initArgs = @ResourceArg(name = MqttBrokerTestResource.CUT_SUBSCRIPTIONS, value = "1"))
class RestoreTriggerRetryTest {

    /** Longer than Paho's first two reconnection delays (1 s, then 2 s) together. */
    private static final long QUIET_MILLIS = 4000;

    protected void startApplication() throws Exception {
        TriggerBackups.startService();
    }

    @Test
    void aSubscriptionCutOffIsRetriedByOneClientThatThenServes() throws Exception {
        startApplication();
        MqttBrokerTestResource.awaitTrigger();
        assertThat(MqttBrokerTestResource.triggerConnections())
                .as("connections under the trigger's client id: the cut try's and the retry's").isEqualTo(2);

        Thread.sleep(QUIET_MILLIS);
        assertThat(MqttBrokerTestResource.triggerConnections())
                .as("connections under the trigger's client id after " + QUIET_MILLIS + " ms: none since the retry's")
                .isEqualTo(2);

        try (MqttBrokerTestResource.Client mqtt = MqttBrokerTestResource.client()
                .subscribe(MqttBrokerTestResource.DEAD_LETTERS)) {
            String garbage = "not a restore request";
            mqtt.publish(MqttBrokerTestResource.REQUESTS, garbage.getBytes(StandardCharsets.UTF_8));
            Received letter = mqtt.next(60);
            assertThat(letter).as("a dead letter for an unreadable request, from the retried trigger").isNotNull();
            assertThat(new ObjectMapper().readTree(letter.payload()).get("original").asText()).isEqualTo(garbage);
        }
    }
}
