package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

import dev.caravan.restore.RestoreRefusedException.Reason;

/** The trigger beans' plain logic: what a dropped file is, how errors are reported, what is logged of a URI. */
class RestoreTriggerBeansTest {

    @Test
    void theInboxKnowsRequestsAndArchivesByName() {
        assertThat(RestoreInbox.kind("restore.json")).isEqualTo(RestoreInbox.Kind.REQUEST);
        assertThat(RestoreInbox.kind("RESTORE.JSON")).isEqualTo(RestoreInbox.Kind.REQUEST);
        for (String name : new String[] {"dump.rdb", "node.rdb.zst", "node.rdb.gz", "node.zip"}) {
            assertThat(RestoreInbox.kind(name)).as(name).isEqualTo(RestoreInbox.Kind.ARCHIVE);
        }
        assertThatThrownBy(() -> RestoreInbox.kind("notes.txt")).isInstanceOf(RestoreRefusedException.class)
                .hasMessageContaining("notes.txt").hasMessageContaining("*.json");
    }

    @Test
    void aRefusalIsReportedByItsReasonEvenWhenCamelWrappedIt() {
        RestoreRefusedException refused = new RestoreRefusedException(Reason.CONFLICT, "busy target");
        Throwable wrapped = new CamelExecutionException("route failed", null, refused);

        assertThat(RestoreError.of(wrapped)).isEqualTo(new RestoreError("CONFLICT", "busy target"));
        assertThat(RestoreError.httpStatus(wrapped)).isEqualTo(409);
        assertThat(RestoreError.unwrap(wrapped)).isSameAs(refused);
        assertThat(RestoreError.httpStatus(new RestoreRefusedException(Reason.INVALID_REQUEST, "x"))).isEqualTo(400);
        assertThat(RestoreError.httpStatus(new RestoreRefusedException(Reason.NOT_FOUND, "x"))).isEqualTo(404);
    }

    @Test
    void aFullQueueIsBusyAndAnythingElseAnError() {
        IllegalStateException full = new IllegalStateException("Queue full");
        assertThat(RestoreError.of(full).error()).isEqualTo("BUSY");
        assertThat(RestoreError.httpStatus(full)).isEqualTo(503);
        IllegalArgumentException other = new IllegalArgumentException("something else");
        assertThat(RestoreError.of(other)).isEqualTo(new RestoreError("ERROR", "something else"));
        assertThat(RestoreError.httpStatus(other)).isEqualTo(500);
    }

    @Test
    void aTriggerUriIsLoggedWithoutItsOptionsOrCredentials() {
        assertThat(RestoreTriggers.redactedUri("paho:topic/a?brokerUrl=tcp://b:1883&password=RAW(s3cret)"))
                .isEqualTo("paho:topic/a?...");
        assertThat(RestoreTriggers.redactedUri("amqp://user:s3cret@host:5672/queue"))
                .isEqualTo("amqp://***@host:5672/queue");
        assertThat(RestoreTriggers.redactedUri("file:/srv/requests")).isEqualTo("file:/srv/requests");
    }
}
