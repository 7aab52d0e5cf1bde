package dev.caravan.restore;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class RestoreTriggerRetryIT extends RestoreTriggerRetryTest {

    @Override
    protected void startApplication() {
        // The packaged application runs as a service: its trigger starts on its own.
    }
}
