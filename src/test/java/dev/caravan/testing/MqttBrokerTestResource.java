package dev.caravan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptSubscribeMessage;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * An MQTT broker in the test JVM: Moquette on a free loopback port, in memory, with a user and
 * password (anonymous clients refused), no telemetry. As a Quarkus test resource it configures
 * the restore message trigger on {@value #REQUESTS}, its replies on {@value #REPLIES} and its
 * dead letters on {@value #DEAD_LETTERS}. {@link #client()} connects a test's own Paho client.
 * With the init argument {@value #CUT_SUBSCRIPTIONS} = N, the trigger reaches the broker through
 * a proxy that cuts its first N connections when they send SUBSCRIBE, after the broker accepted
 * them: the network failing between the two steps of a consumer's start. {@link
 * #triggerConnections()} counts the connections the broker accepted under the trigger's client id.
 *
 * <p>The broker's address is also recorded in system properties (not under {@code caravan.}), so
 * that a test class loaded apart from the resource can still reach it.
 */
public final class MqttBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String REQUESTS = "caravan/restore/requests";
    public static final String REPLIES = "caravan/restore/replies";
    public static final String DEAD_LETTERS = "caravan/restore/dead-letters";
    public static final String USER = "caravan";
    /** Init argument: how many of the trigger's connections are cut at their SUBSCRIBE. */
    public static final String CUT_SUBSCRIPTIONS = "cut-subscriptions";
    private static final String TRIGGER_CLIENT = "caravan-trigger";

    private static final String URL_PROPERTY = "mqtt-test.url";
    private static final String PASSWORD_PROPERTY = "mqtt-test.password";
    /** Set once the application's trigger subscribed (a system property: the test may be loaded apart from the resource). */
    private static final String TRIGGER_PROPERTY = "mqtt-test.trigger";
    /** How many times the trigger's client id has connected (a system property, for the same reason). */
    private static final String CONNECTIONS_PROPERTY = "mqtt-test.trigger-connections";
    /** The broker's threads count connections under this lock (not the property's interned name). */
    private static final Object CONNECTIONS_LOCK = new Object();

    private int cutSubscriptions;
    private SubscriptionCutter cutter;

    private Server broker;
    private Path dir;

    @Override
    public void init(Map<String, String> initArgs) {
        cutSubscriptions = Integer.parseInt(initArgs.getOrDefault(CUT_SUBSCRIPTIONS, "0"));
    }

    @Override
    public Map<String, String> start() {
        String password = "mqtt-" + UUID.randomUUID();
        int port = freePort();
        try {
            dir = Files.createTempDirectory("caravan-mqtt-");
            Path passwords = dir.resolve("passwords.conf");
            Files.writeString(passwords, USER + ":" + sha256Hex(password) + "\n");
            Properties properties = new Properties();
            properties.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
            properties.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
            properties.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
            properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
            properties.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, dir.toString());
            properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
            properties.setProperty(IConfig.PASSWORD_FILE_PROPERTY_NAME, passwords.toString());
            properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
            properties.setProperty("netty.mqtt.message_size", Integer.toString(256 * 1024));
            broker = new Server();
            System.clearProperty(TRIGGER_PROPERTY);
            System.setProperty(CONNECTIONS_PROPERTY, "0");
            broker.startServer(new MemoryConfig(properties), List.of(new AbstractInterceptHandler() {
                @Override
                public String getID() {
                    return "caravan-test-subscriptions";
                }

                @Override
                public void onConnect(InterceptConnectMessage message) {
                    if (TRIGGER_CLIENT.equals(message.getClientID())) {
                        synchronized (CONNECTIONS_LOCK) {
                            System.setProperty(CONNECTIONS_PROPERTY, Integer.toString(triggerConnections() + 1));
                        }
                    }
                }

                @Override
                public void onSubscribe(InterceptSubscribeMessage message) {
                    if (REQUESTS.equals(message.getTopicFilter()) && TRIGGER_CLIENT.equals(message.getClientID())) {
                        System.setProperty(TRIGGER_PROPERTY, "subscribed");
                    }
                }

                @Override
                public void onSessionLoopError(Throwable error) {
                    // the broker logs its own errors
                }
            }));
            if (cutSubscriptions > 0) {
                cutter = new SubscriptionCutter(port, cutSubscriptions);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = "tcp://127.0.0.1:" + port;
        System.setProperty(URL_PROPERTY, url);
        System.setProperty(PASSWORD_PROPERTY, password);
        String options = "?brokerUrl=" + url + "&userName=" + USER + "&password=RAW(" + password + ")&qos=1";
        String triggerOptions = cutter == null ? options : options.replace(url, "tcp://127.0.0.1:" + cutter.port());
        return Map.of(
                "caravan.restore.trigger-uri", "paho:" + REQUESTS + triggerOptions + "&clientId=" + TRIGGER_CLIENT,
                "caravan.restore.reply-uri", "paho:" + REPLIES + options + "&clientId=caravan-reply",
                "caravan.restore.dead-letter-uri", "paho:" + DEAD_LETTERS + options + "&clientId=caravan-dead");
    }

    @Override
    public void stop() {
        if (cutter != null) {
            cutter.close();
        }
        if (broker != null) {
            broker.stopServer();
        }
        S3TestResource.deleteTree(dir);
    }

    /** Moquette's password file holds the SHA-256 of each password, in hex. */
    private static String sha256Hex(String password) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the application's trigger ({@code clientId=caravan-trigger}) has subscribed to
     * {@value #REQUESTS}: a request published before would reach nobody.
     */
    public static void awaitTrigger() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.getProperty(TRIGGER_PROPERTY) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the application's restore trigger never subscribed to " + REQUESTS);
            }
            Thread.sleep(50);
        }
    }

    /** How many times the application's trigger has connected to the broker so far. */
    public static int triggerConnections() {
        return Integer.parseInt(System.getProperty(CONNECTIONS_PROPERTY, "0"));
    }

    /** A connected client of the running broker, subscribed to nothing yet. */
    public static Client client() {
        try {
            MqttClient mqtt = new MqttClient(System.getProperty(URL_PROPERTY), "test-" + UUID.randomUUID(),
                    new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName(USER);
            options.setPassword(System.getProperty(PASSWORD_PROPERTY).toCharArray());
            options.setCleanSession(true);
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            mqtt.connect(options);
            return new Client(mqtt);
        } catch (MqttException e) {
            throw new IllegalStateException("cannot connect to the test broker", e);
        }
    }

    /** A test's MQTT client: publishes, and collects what arrives on the topics it subscribed to. */
    public static final class Client implements AutoCloseable {

        /** A message as it arrived: its topic and payload. */
        public record Received(String topic, String payload) {
        }

        private final MqttClient mqtt;
        private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();

        private Client(MqttClient mqtt) {
            this.mqtt = mqtt;
        }

        public Client subscribe(String... topics) {
            try {
                for (String topic : topics) {
                    mqtt.subscribe(topic, 1, (t, message) -> received.add(
                            new Received(t, new String(message.getPayload(), StandardCharsets.UTF_8))));
                }
                return this;
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        }

        public void publish(String topic, byte[] payload) {
            try {
                MqttMessage message = new MqttMessage(payload);
                message.setQos(1);
                mqtt.publish(topic, message);
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The next message that arrives, waiting up to {@code seconds}; null if none came. */
        public Received next(long seconds) throws InterruptedException {
            return received.poll(seconds, TimeUnit.SECONDS);
        }

        /** Messages that arrived and were not yet taken. */
        public List<Received> drain() {
            List<Received> all = new java.util.ArrayList<>();
            received.drainTo(all);
            return all;
        }

        @Override
        public void close() {
            try {
                mqtt.disconnect();
                mqtt.close();
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
