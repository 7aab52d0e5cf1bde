package dev.caravan.restore;

import java.util.Map;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.PahoComponent;
import org.apache.camel.component.paho.PahoConsumer;
import org.apache.camel.component.paho.PahoEndpoint;
import org.apache.camel.spi.annotations.Component;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.jboss.logging.Logger;

/**
 * Camel's {@code paho} component, except that a consumer whose start fails closes the MQTT client
 * it made. Camel's consumer connects, then subscribes; when the connection is lost in between,
 * Paho's automatic reconnect is already armed, and Camel, stopping the failed consumer, drops the
 * client without closing it (it disconnects only a connected one). That client then logs in again
 * under the same client id every second or so, for good, and takes the session from the client of
 * the next try of the restore message trigger ({@link RestoreTriggers}), which takes it back:
 * neither receives anything (seen in a CI run of {@code RestoreMessageTriggerIT}, for six
 * minutes; {@code RestoreTriggerRetryTest} reproduces it). A closed client's next reconnection
 * fails at once and is not rescheduled.
 */
@Singleton
@Named("paho")
@Component("paho")
public class ClientClosingPahoComponent extends PahoComponent {

    private static final Logger LOG = Logger.getLogger(ClientClosingPahoComponent.class);

    /** As {@link PahoComponent#createEndpoint}, with consumers that close their own client when they fail to start. */
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PahoEndpoint endpoint = new PahoEndpoint(uri, remaining, this, getConfiguration().copy()) {
            @Override
            public Consumer createConsumer(Processor processor) throws Exception {
                PahoConsumer consumer = new ClientClosingConsumer(this, processor);
                consumer.setClient(getClient());
                configureConsumer(consumer);
                return consumer;
            }
        };
        endpoint.setClient(getClient());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    private static final class ClientClosingConsumer extends PahoConsumer {

        ClientClosingConsumer(PahoEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        @Override
        protected void doStart() throws Exception {
            try {
                super.doStart();
            } catch (Exception e) {
                // A client given to the endpoint belongs to whoever gave it; only one made here is closed.
                if (getEndpoint().getClient() == null && getClient() != null) {
                    close(getClient());
                }
                throw e;
            }
        }

        private static void close(MqttClient client) {
            try {
                client.disconnectForcibly(0, 1000, false);
            } catch (MqttException notConnected) {
                // the usual case: its connection was lost, which is why the start failed
            }
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.warnf("the MQTT client %s of a consumer that failed to start could not be closed: %s",
                        client.getClientId(), e.getMessage());
            }
        }
    }
}
