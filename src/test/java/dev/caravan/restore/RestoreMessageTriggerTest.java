package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.caravan.testing.MqttBrokerTestResource;
import dev.caravan.testing.MqttBrokerTestResource.Client.Received;
import dev.caravan.testing.KeyByKey;
import dev.caravan.testing.RedisSourceResource;
import dev.caravan.testing.S3TestResource;
import dev.caravan.testing.SftpTestResource;
import dev.caravan.testing.RestoreTargetResource;

/**
 * The message trigger through a real MQTT broker (Moquette in the test JVM): a request message
 * restores a backup (made by the backup route from a seeded redis-server) into the target with
 * the source's digest and its result comes back on the reply topic; an unreadable message and a
 * refused request go to the dead-letter topic with their reason and the original message, and
 * leave the target as it was.
 */
@QuarkusTest
@WithTestResource(RedisSourceResource.class)
@WithTestResource(MqttBrokerTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(SftpTestResource.class)
@WithTestResource(RestoreTargetResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreMessageTriggerTest {

    private static final long WAIT_SECONDS = 180;

    private final ObjectMapper json = new ObjectMapper();
    private String backup;
    private MqttBrokerTestResource.Client mqtt;

    protected void startApplication() throws Exception {
        TriggerBackups.startService();
    }

    protected String backUpTheSource() {
        return TriggerBackups.inThisApplication();
    }

    @BeforeAll
    void backUp() throws Exception {
        startApplication();
        backup = backUpTheSource();
    }

    @BeforeEach
    void subscribe() throws InterruptedException {
        MqttBrokerTestResource.awaitTrigger();
        mqtt = MqttBrokerTestResource.client().subscribe(MqttBrokerTestResource.REPLIES,
                MqttBrokerTestResource.DEAD_LETTERS);
    }

    @AfterEach
    void disconnect() {
        mqtt.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", S3TestResource.DESTINATION, SftpTestResource.PASSWORD_DESTINATION})
    void aRequestMessageRestoresFromEachDestinationAndTheResultIsTheReply(String from) throws Exception {
        RestoreTargetResource.TargetServer target = RestoreTargetResource.target();
        target.flushAll();

        send("{\"source\":\"main\",\"backup\":\"" + backup + "\",\"from\":\"" + from + "\",\"target\":\""
                + target.uri() + "\"}");

        Received reply = mqtt.next(WAIT_SECONDS);
        assertThat(reply).as("a reply").isNotNull();
        assertThat(reply.topic()).as(reply.payload()).isEqualTo(MqttBrokerTestResource.REPLIES);
        JsonNode result = json.readTree(reply.payload());
        assertThat(result.get("backups").get(0).asText()).isEqualTo(backup);
        assertThat(result.get("from").asText()).isEqualTo(from);
        assertThat(result.get("checkPassed").asBoolean()).as(reply.payload()).isTrue();
        long keys = RedisSourceResource.dbsize(0) + RedisSourceResource.dbsize(1) + RedisSourceResource.dbsize(5);
        assertThat(result.get("keysRestored").asLong()).isEqualTo(keys);
        assertThat(reply.payload()).doesNotContain(RedisSourceResource.PASSWORD);

        assertThat(target.digest()).isEqualTo(RedisSourceResource.digest());
        for (int db : new int[] {0, 1, 5}) {
            assertThat(target.dbsize(db)).as("keys in db %d", db).isEqualTo(RedisSourceResource.dbsize(db));
        }
        KeyByKey.assertSame(RedisSourceResource.port(), target.port());
        assertThat(mqtt.drain()).as("nothing on the dead-letter topic").isEmpty();
    }

    @Test
    void anUnreadableMessageIsADeadLetterWithItsReason() throws Exception {
        RestoreTargetResource.TargetServer target = unchangedTarget();
        String before = target.digest();
        String garbage = "restore everything please {";

        send(garbage);

        JsonNode letter = deadLetter();
        assertThat(letter.get("error").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(letter.get("message").asText()).contains("not valid JSON");
        assertThat(letter.get("original").asText()).isEqualTo(garbage);
        assertThat(target.digest()).isEqualTo(before);
    }

    @Test
    void aRefusedRequestIsADeadLetterAndChangesNothing() throws Exception {
        RestoreTargetResource.TargetServer target = unchangedTarget();
        String before = target.digest();
        String unknownBackup = "{\"source\":\"main\",\"backup\":\"20200101T000000Z-abcd\",\"target\":\"" + target.uri()
                + "\"}";
        send(unknownBackup);
        JsonNode letter = deadLetter();
        assertThat(letter.get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(letter.get("message").asText()).contains("20200101T000000Z-abcd");
        assertThat(letter.get("original").asText()).isEqualTo(unknownBackup);

        String unconfirmed = "{\"source\":\"main\",\"backup\":\"" + backup + "\",\"target\":\"" + target.uri()
                + "\",\"mode\":\"flush-first\"}";
        send(unconfirmed);
        letter = deadLetter();
        assertThat(letter.get("error").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(letter.get("message").asText()).contains("confirm");
        assertThat(letter.get("original").asText()).isEqualTo(unconfirmed);

        assertThat(target.digest()).isEqualTo(before);
    }

    private RestoreTargetResource.TargetServer unchangedTarget() {
        RestoreTargetResource.TargetServer target = RestoreTargetResource.target();
        target.flushAll();
        target.call("SET", "marker", "before");
        return target;
    }

    private void send(String payload) {
        mqtt.publish(MqttBrokerTestResource.REQUESTS, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The next dead letter; the refusal also comes as the reply, which is checked to match. */
    private JsonNode deadLetter() throws Exception {
        Received first = mqtt.next(WAIT_SECONDS);
        Received second = mqtt.next(WAIT_SECONDS);
        assertThat(first).as("a reply").isNotNull();
        assertThat(second).as("a dead letter").isNotNull();
        Received letter = first.topic().equals(MqttBrokerTestResource.DEAD_LETTERS) ? first : second;
        Received reply = letter == first ? second : first;
        assertThat(letter.topic()).isEqualTo(MqttBrokerTestResource.DEAD_LETTERS);
        assertThat(reply.topic()).isEqualTo(MqttBrokerTestResource.REPLIES);
        assertThat(reply.payload()).isEqualTo(letter.payload());
        return json.readTree(letter.payload());
    }
}
