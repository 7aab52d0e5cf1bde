package dev.caravan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** The in-JVM broker from plain JUnit: messages go through it, and strangers are turned away. */
class MqttBrokerTestResourceTest {

    @Test
    void carriesMessagesAndRefusesAWrongPassword() throws Exception {
        MqttBrokerTestResource resource = new MqttBrokerTestResource();
        Map<String, String> config = resource.start();
        try {
            assertThat(config.get("caravan.restore.trigger-uri")).startsWith("paho:" + MqttBrokerTestResource.REQUESTS);
            try (MqttBrokerTestResource.Client client = MqttBrokerTestResource.client()) {
                client.subscribe("t/#");
                client.publish("t/a", "hello".getBytes(StandardCharsets.UTF_8));
                assertThat(client.next(10)).isEqualTo(new MqttBrokerTestResource.Client.Received("t/a", "hello"));
            }
            String url = config.get("caravan.restore.trigger-uri").replaceAll(".*brokerUrl=([^&]+).*", "$1");
            MqttClient stranger = new MqttClient(url, "stranger-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName(MqttBrokerTestResource.USER);
            options.setPassword("wrong".toCharArray());
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            assertThatThrownBy(() -> stranger.connect(options)).isInstanceOf(MqttException.class)
                    .extracting(e -> ((MqttException) e).getReasonCode())
                    .isEqualTo((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION);
            stranger.close();
        } finally {
            resource.stop();
        }
    }
}
